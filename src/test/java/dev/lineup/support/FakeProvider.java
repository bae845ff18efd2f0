package dev.lineup.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake upstream IPTV provider: a real HTTP server on 127.0.0.1 answering {@code player_api.php}
 * like the real Xtream Codes panels whose captures are in {@code
 * src/test/resources/provider/xtream} — or misbehaving on demand. Later features add actions by
 * adding cases to {@link #answer}.
 */
public final class FakeProvider implements AutoCloseable {
  /** How the provider answers the next requests. */
  public enum Behaviour {
    HEALTHY,
    /** HTTP 200 with {@code {"user_info":{"auth":0}}}, as panels answer bad credentials. */
    AUTH_REJECTED,
    /** HTTP 200 with an HTML page (a CDN or parking page). */
    HTML,
    SERVER_ERROR,
    /** Accepts the request and never answers (until {@link #HANG_LIMIT_SECONDS}). */
    HANG,
    /** JSON cut off mid-way. */
    TRUNCATED,
    /** A JSON array where an object belongs, an object where a list belongs. */
    WRONG_SHAPE,
    /** Lists are empty ({@code []}); the login still works. */
    EMPTY_LISTS,
    /** HTTP 500 for the next request only, then healthy again (a transient failure). */
    FAIL_ONCE,
    /** Sends the lists slowly, a chunk at a time with pauses, for cancel and progress tests. */
    SLOW,
    /** HTTP 429 with {@code Retry-After: 1} for every request (a rate-limited panel). */
    TOO_MANY_REQUESTS,
    /** The lists' headers promise the whole body, then the connection drops half-way. */
    RESET_MID_BODY,
    /**
     * The categories arrive whole; the channel list stops half-way and the connection stays silent
     * (a read timeout, which is retried), on every try: a failure after a sync has written chunks.
     */
    STREAMS_STALL_MID_BODY,
    /** Like {@link #STREAMS_STALL_MID_BODY} once, then healthy: the retry gets the whole list. */
    STREAMS_STALL_ONCE,
    /** The lists as valid JSON, but labelled {@code text/html} (some panels do). */
    WRONG_CONTENT_TYPE,
    /** Only every tenth channel: 90 % of the lineup missing. */
    MOSTLY_MISSING,
    /**
     * The lists trickle in: 100 bytes every 200 ms, never pausing long enough for a read timeout,
     * but far too slow to finish (a "slow drip").
     */
    DRIP
  }

  public static final int HANG_LIMIT_SECONDS = 30;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String capture;
  private final String username;
  private final String password;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Request> log = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = Behaviour.HEALTHY;
  private volatile String categoriesJson;
  private volatile String streamsJson;
  private volatile String playlist = "#EXTM3U\n";
  private volatile String guide; // xmltv.php's answer; null answers 404
  private volatile Path guideFile; // or this file's, streamed
  private volatile String userInfo; // the login's user_info members instead of the capture's

  private FakeProvider(String capture, String username, String password) throws IOException {
    this.capture = capture;
    this.username = username;
    this.password = password;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "fake-provider");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    serveCapture();
  }

  /** A provider replaying the "eternal" capture, with fresh credentials. */
  public static FakeProvider start() {
    return start("eternal", "user" + System.nanoTime() % 100000, "p@ss w0rd&=?");
  }

  public static FakeProvider start(String capture, String username, String password) {
    try {
      return new FakeProvider(capture, username, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to store as an account's server, e.g. http://127.0.0.1:41234. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** Serves the real capture's categories and live streams. */
  public FakeProvider serveCapture() {
    categoriesJson = capture("get_live_categories.json");
    streamsJson = capture("get_live_streams.json");
    return this;
  }

  /**
   * Serves this XMLTV text at /xmltv.php (to the right credentials) and at /epg.xml (to anyone, as
   * an M3U playlist's x-tvg-url would); null answers 404.
   */
  public FakeProvider serveGuide(String xml) {
    this.guide = xml;
    this.guideFile = null;
    return this;
  }

  /** Serves this file as the guide, streamed (for guides too big for a string). */
  public FakeProvider serveGuide(Path file) {
    this.guide = null;
    this.guideFile = file;
    return this;
  }

  /** Serves this M3U text at any path ending in .m3u, and at /get.php. */
  public FakeProvider servePlaylist(String text) {
    encoded(text); // a big playlist is encoded now, not while a sync is timed
    this.playlist = text;
    return this;
  }

  /** Reads a playlist from src/test/resources/provider/m3u/. */
  public static String playlistFile(String name) {
    try (InputStream in = FakeProvider.class.getResourceAsStream("/provider/m3u/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves these lists (JSON arrays) instead of the capture. */
  public FakeProvider serve(String categoriesJson, String streamsJson) {
    this.categoriesJson = categoriesJson;
    this.streamsJson = streamsJson;
    return this;
  }

  /**
   * The login answers with these user_info members (JSON members without braces, e.g. {@code
   * "status":"Active","exp_date":"0"}) instead of the capture's; {@code auth}, {@code username} and
   * {@code password} are added.
   */
  public FakeProvider userInfo(String members) {
    this.userInfo = members;
    return this;
  }

  public FakeProvider behave(Behaviour behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  public int requestCount() {
    return requests.get();
  }

  /** One request as it arrived: when ({@link System#nanoTime()}), its path and its action. */
  public record Request(long nanos, String path, String action) {}

  /** The requests of one {@code player_api.php} action (e.g. get_live_streams), oldest first. */
  public List<Request> requests(String action) {
    return log.stream().filter(r -> action.equals(r.action())).toList();
  }

  /** Every request since the start or the last {@link #forgetRequests()}. */
  public List<Request> requests() {
    return List.copyOf(log);
  }

  public FakeProvider forgetRequests() {
    log.clear();
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      log.add(
          new Request(
              System.nanoTime(),
              exchange.getRequestURI().getPath(),
              query.getOrDefault("action", "")));
      String control = exchange.getRequestURI().getPath();
      if (control.startsWith("/__fake/behave/")) {
        // For scripts that cannot call this class (the browser walk): switch how it behaves.
        behaviour = Behaviour.valueOf(control.substring("/__fake/behave/".length()));
        send(exchange, 200, "text/plain", "ok");
        return;
      }
      switch (behaviour) {
        case HANG -> {
          sleep(HANG_LIMIT_SECONDS);
          return;
        }
        case SERVER_ERROR -> {
          send(exchange, 500, "text/plain", "Internal Server Error");
          return;
        }
        case FAIL_ONCE -> {
          behaviour = Behaviour.HEALTHY;
          send(exchange, 503, "text/plain", "Service Unavailable");
          return;
        }
        case HTML -> {
          send(
              exchange,
              200,
              "text/html",
              "<!DOCTYPE html><html><head><title>Suspended</title></head>"
                  + "<body><h1>Account suspended</h1></body></html>");
          return;
        }
        default -> {}
      }
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith(".m3u") || path.endsWith("/get.php")) {
        String body = behaviour == Behaviour.EMPTY_LISTS ? "#EXTM3U\n" : playlist;
        send(exchange, 200, "audio/x-mpegurl", body);
        return;
      }
      if (path.equals("/live/" + username + "/" + password + "/" + lastSegment(path))
          && path.endsWith(".ts")) {
        // Every live channel plays the same test stream (MPEG-TS, H.264 640x360 + AAC), as a live
        // channel does: on and on until the player hangs up.
        FakeStreams.live(exchange, 500_000, Long.MAX_VALUE);
        return;
      }
      if (path.endsWith("/xmltv.php") || path.endsWith("/epg.xml")) {
        boolean authorised =
            path.endsWith("/epg.xml")
                || username.equals(query.get("username")) && password.equals(query.get("password"));
        Path file = guideFile;
        if (!authorised || (guide == null && file == null)) {
          send(exchange, 404, "text/html", "<html><body>Not found</body></html>");
        } else if (file != null) {
          exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
          exchange.sendResponseHeaders(200, Files.size(file));
          try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
          }
        } else {
          send(exchange, 200, "application/xml", guide);
        }
        return;
      }
      if (!path.endsWith("/player_api.php")) {
        send(exchange, 404, "text/html", "<html><body>Not found</body></html>");
        return;
      }
      answer(exchange, query);
    }
  }

  private void answer(HttpExchange exchange, Map<String, String> query) throws IOException {
    boolean authorised =
        behaviour != Behaviour.AUTH_REJECTED
            && username.equals(query.get("username"))
            && password.equals(query.get("password"));
    if (!authorised) {
      send(exchange, 200, "application/json", "{\"user_info\":{\"auth\":0}}");
      return;
    }
    String action = query.getOrDefault("action", "");
    boolean list = action.equals("get_live_categories") || action.equals("get_live_streams");
    String body =
        switch (action) {
          case "get_live_categories" -> categoriesJson;
          case "get_live_streams" -> streamsJson;
          // Real panels answer the login for a missing or unknown action.
          default ->
              userInfo != null
                  ? "{\"user_info\":{\"auth\":1,\"username\":\"u\",\"password\":\"p\","
                      + userInfo
                      + "},\"server_info\":{\"url\":\"127.0.0.1\"}}"
                  : capture("auth.json")
                      .replace(capture.toUpperCase() + "_USERNAME", username)
                      .replace(capture.toUpperCase() + "_PASSWORD", password);
        };
    if (behaviour == Behaviour.TOO_MANY_REQUESTS) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      send(exchange, 429, "text/plain", "Too Many Requests");
      return;
    }
    if ((behaviour == Behaviour.STREAMS_STALL_MID_BODY || behaviour == Behaviour.STREAMS_STALL_ONCE)
        && action.equals("get_live_streams")) {
      if (behaviour == Behaviour.STREAMS_STALL_ONCE) {
        behaviour = Behaviour.HEALTHY;
      }
      byte[] bytes = encoded(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      sleep(5); // longer than the test server's read timeout (3 s)
      throw new IOException("connection dropped after a stall, on purpose");
    }
    if (behaviour == Behaviour.RESET_MID_BODY && list) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      throw new IOException("connection dropped mid-body on purpose");
    }
    if (behaviour == Behaviour.WRONG_CONTENT_TYPE) {
      send(exchange, 200, "text/html", body);
      return;
    }
    if (behaviour == Behaviour.MOSTLY_MISSING && action.equals("get_live_streams")) {
      jakarta.json.JsonArray all =
          jakarta.json.Json.createReader(new java.io.StringReader(body)).readArray();
      jakarta.json.JsonArrayBuilder kept = jakarta.json.Json.createArrayBuilder();
      for (int i = 0; i < all.size(); i += 10) {
        kept.add(all.get(i));
      }
      body = kept.build().toString();
    }
    if (behaviour == Behaviour.TRUNCATED) {
      body = body.substring(0, body.length() / 2);
    } else if (behaviour == Behaviour.WRONG_SHAPE) {
      body = list ? "{\"error\":\"unknown\"}" : "[]";
    } else if (behaviour == Behaviour.EMPTY_LISTS && list) {
      body = "[]";
    }
    if (behaviour == Behaviour.SLOW && list) {
      sendSlowly(exchange, body, 16384, 50);
      return;
    }
    if (behaviour == Behaviour.DRIP && list) {
      sendSlowly(exchange, body, 100, 200);
      return;
    }
    send(exchange, 200, "application/json", body);
  }

  private String capture(String file) {
    String path = "/provider/xtream/" + capture + "/" + file;
    try (InputStream in = FakeProvider.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("No capture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Big answers (the benchmarks' lineups of 100,000 channels, 30 MB) encoded once, not on every
   * request: a real provider's cost is its network, not re-encoding, and the benchmarks time
   * Lineup.
   */
  private static final Map<String, byte[]> ENCODED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static byte[] encoded(String body) {
    if (body.length() < 1 << 20) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    return ENCODED.computeIfAbsent(body, text -> text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = encoded(body);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** 16 KiB every 50 ms: a provider that keeps sending, slowly. */
  private static void sendSlowly(HttpExchange exchange, String body, int chunk, long pauseMillis)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int offset = 0; offset < bytes.length; offset += chunk) {
        out.write(bytes, offset, Math.min(chunk, bytes.length - offset));
        out.flush();
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static void sleep(int seconds) {
    try {
      TimeUnit.SECONDS.sleep(seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
