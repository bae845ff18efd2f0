package dev.lineup.provider.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider client against a real HTTP server on loopback. */
class ProviderHttpTest {
  static final byte[] LOGIN = "{\"user_info\":{\"auth\":1}}".getBytes(StandardCharsets.UTF_8);

  final ProviderHttp http = new ProviderHttp();
  final AtomicInteger requests = new AtomicInteger();
  HttpServer server;
  HttpServer other;

  ProviderHttpTest() {
    http.connectTimeoutSeconds = 5;
    http.readTimeoutSeconds = 20;
    http.downloadTimeoutSeconds = 60;
  }

  @AfterEach
  void stop() {
    for (HttpServer s : new HttpServer[] {server, other}) {
      if (s != null) {
        s.stop(0);
      }
    }
  }

  interface Handler {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  HttpServer serve(String address, Handler handler) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    s.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          try (exchange) {
            handler.handle(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    s.start();
    return s;
  }

  static URI url(HttpServer s, String path) {
    return URI.create(
        "http://"
            + s.getAddress().getAddress().getHostAddress()
            + ":"
            + s.getAddress().getPort()
            + path);
  }

  static void send(HttpExchange exchange, byte[] body) throws IOException {
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void aLoginAnswerIsReadWhole() throws IOException {
    server = serve("127.0.0.1", exchange -> send(exchange, LOGIN));
    assertArrayEquals(LOGIN, http.getSmall(url(server, "/player_api.php?password=x")));
  }

  @Test
  void aLoginAnswerPromisingTooMuchIsRefusedBeforeItArrives() throws IOException {
    server =
        serve(
            "127.0.0.1",
            exchange -> {
              exchange.sendResponseHeaders(200, 100L * 1024 * 1024);
              exchange.getResponseBody().write(LOGIN);
              exchange.getResponseBody().flush();
              Thread.sleep(30_000); // the rest never comes: only the header can refuse it in time
            });
    ProviderException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(
                    ProviderException.class, () -> http.getSmall(url(server, "/player_api.php"))));
    assertEquals(ProviderException.Kind.MALFORMED, e.kind());
    assertTrue(e.detail().contains("larger than 1024 KiB"), e.detail());
  }

  @Test
  void anEndlessLoginAnswerIsCutOffAtTheCap() throws IOException {
    AtomicLong sent = new AtomicLong();
    server =
        serve(
            "127.0.0.1",
            exchange -> {
              exchange.sendResponseHeaders(200, 0); // chunked: no length announced
              byte[] chunk = new byte[64 * 1024];
              java.util.Arrays.fill(chunk, (byte) ' ');
              try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < 1024L * 1024 * 1024) {
                  out.write(chunk);
                  sent.addAndGet(chunk.length);
                }
              }
            });
    ProviderException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(
                    ProviderException.class, () -> http.getSmall(url(server, "/player_api.php"))));
    assertEquals(ProviderException.Kind.MALFORMED, e.kind(), e.detail());
    assertTrue(sent.get() < 64L * 1024 * 1024, "stopped reading early: " + sent.get() + " sent");
  }

  @Test
  void withTheSwitchOnAProviderOnLoopbackIsRefusedBeforeAnyRequest() throws IOException {
    server = serve("127.0.0.1", exchange -> send(exchange, LOGIN));
    http.blockPrivate = true;
    for (ProviderException e :
        new ProviderException[] {
          assertThrows(ProviderException.class, () -> http.getSmall(url(server, "/a"))),
          assertThrows(ProviderException.class, () -> http.stream(url(server, "/b"), in -> {}))
        }) {
      assertEquals(ProviderException.Kind.REFUSED_ADDRESS, e.kind());
      assertEquals(403, e.status());
      assertTrue(e.detail().contains("127.0.0.1, a loopback address"), e.detail());
      assertTrue(e.detail().contains("PROVIDER_BLOCK_PRIVATE"), e.detail());
      assertFalse(e.transientFailure(), "not retried");
    }
    assertEquals(0, requests.get(), "nothing was sent");
    URI byName = URI.create("http://localhost:" + server.getAddress().getPort() + "/c");
    assertThrows(ProviderException.class, () -> http.getSmall(byName), "a name is resolved first");
    assertEquals(0, requests.get());

    http.blockPrivate = false;
    assertArrayEquals(LOGIN, http.getSmall(url(server, "/a")), "off by default: LAN providers");
  }

  @Test
  void redirectsAreFollowedAndEachHopsAddressIsChecked() throws IOException {
    other = serve("127.0.0.2", exchange -> send(exchange, LOGIN));
    server =
        serve(
            "127.0.0.1",
            exchange -> {
              String path = exchange.getRequestURI().getPath();
              String location =
                  path.equals("/relative")
                      ? "/final"
                      : url(other, "/moved?token=s3cret").toString();
              if (path.equals("/final")) {
                send(exchange, LOGIN);
                return;
              }
              exchange.getResponseHeaders().set("Location", location);
              exchange.sendResponseHeaders(302, -1);
            });
    assertArrayEquals(LOGIN, http.getSmall(url(server, "/away")), "followed to the other host");
    assertArrayEquals(LOGIN, http.getSmall(url(server, "/relative")), "a relative Location");

    http.blockPrivate = true;
    http.refusal =
        address ->
            address.getHostAddress().equals("127.0.0.2")
                ? Optional.of("private")
                : Optional.empty();
    int before = requests.get();
    ProviderException e =
        assertThrows(ProviderException.class, () -> http.getSmall(url(server, "/away")));
    assertEquals(ProviderException.Kind.REFUSED_ADDRESS, e.kind());
    assertTrue(e.detail().contains("redirecting to 127.0.0.2"), e.detail());
    assertFalse(e.detail().contains("s3cret"), e.detail());
    assertEquals(before + 1, requests.get(), "the refused hop got no request");
  }

  @Test
  void endlessRedirectsStop() throws IOException {
    server =
        serve(
            "127.0.0.1",
            exchange -> {
              exchange.getResponseHeaders().set("Location", "/again");
              exchange.sendResponseHeaders(301, -1);
            });
    ProviderException e =
        assertThrows(ProviderException.class, () -> http.stream(url(server, "/"), in -> {}));
    assertTrue(e.detail().contains("redirected more than 5 times"), e.detail());
    assertEquals(1 + ProviderHttp.MAX_REDIRECTS, requests.get());
  }

  @Test
  void anInvalidStoredUrlIsRefusedWithoutShowingIt() {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> ProviderHttp.uri("http://p.example/a b?password=s3cret"));
    assertFalse(e.detail().contains("s3cret"), e.detail());
    assertThrows(ProviderException.class, () -> ProviderHttp.uri(null));
  }
}
