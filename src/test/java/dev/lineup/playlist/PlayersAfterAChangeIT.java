package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten players that ask for a playlist at the same moment, right after a change that alters it (the
 * first download renders it while the others wait or read the rendering), all get the same complete
 * playlist: byte-identical bodies, with as many entries as the database has channels for it. Plain
 * and gzip.
 */
class PlayersAfterAChangeIT {
  static final int PLAYERS = 10;

  FakeProvider provider;
  long account;
  String m3u;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    provider.serveCapture();
    account = Accounts.create("Ten players", provider);
    Reply sync = Api.post("/api/accounts/" + account + "/sync");
    assertTrue(sync.json().getBoolean("success"), sync.toString());
    m3u = Accounts.playlistOf("Ten players", account).getJsonObject("urls").getString("m3u");
  }

  @AfterEach
  void tearDown() {
    Api.delete("/api/accounts/" + account);
    provider.close();
  }

  @Test
  void tenPlayersRightAfterAFilterChangeGetTheSameCompletePlaylist() throws Exception {
    String before = text(download(false));
    long filter = blacklist("24/7");
    List<byte[]> bodies = tenAtOnce(false);
    String after = text(bodies.get(0));
    assertNotEquals(before, after, "the filter changed the playlist");
    assertSameAndComplete(bodies, after);

    Api.delete("/api/filters/" + filter);
    blacklist("Sport");
    List<byte[]> gzipped = tenAtOnce(true);
    List<byte[]> bodiesOfGzip = new ArrayList<>();
    for (byte[] body : gzipped) {
      bodiesOfGzip.add(gunzip(body));
    }
    String latest = text(bodiesOfGzip.get(0));
    assertNotEquals(after, latest, "the second change changed the playlist too");
    assertSameAndComplete(bodiesOfGzip, latest);
    assertEquals(latest, text(download(false)), "plain and gzip players get the same playlist");
  }

  /** Adds a blacklist filter on the channel name (applied before the request returns). */
  long blacklist(String word) {
    Reply made =
        Api.post(
            "/api/accounts/" + account + "/filters",
            "{\"name\":\"No "
                + word
                + "\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\","
                + "\"filter_value\":\""
                + word
                + "\"}");
    assertEquals(201, made.status(), made.toString());
    return made.json().getJsonNumber("id").longValue();
  }

  void assertSameAndComplete(List<byte[]> bodies, String first) {
    for (int i = 1; i < bodies.size(); i++) {
      assertArrayEquals(bodies.get(0), bodies.get(i), "player " + i + " got another body");
    }
    long expected =
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters",
            account);
    List<String> lines = first.lines().toList();
    assertTrue(lines.get(0).startsWith("#EXTM3U"), lines.get(0));
    assertEquals(expected, lines.stream().filter(l -> l.startsWith("#EXTINF:")).count(), "entries");
    assertEquals(
        expected,
        lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count(),
        "stream URLs");
    assertTrue(first.endsWith("\n"), "the body ends with its last entry's line");
    assertTrue(
        lines.get(lines.size() - 1).matches("http://.*/s/[A-Za-z0-9_-]+/\\d+\\.ts"),
        "the last entry is whole");
  }

  /** Ten players, each with its own HTTP/1.1 connection, asking at the same moment. */
  List<byte[]> tenAtOnce(boolean gzip) throws Exception {
    CountDownLatch ready = new CountDownLatch(PLAYERS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService players = Executors.newFixedThreadPool(PLAYERS);
    try {
      List<Future<byte[]>> downloads = new ArrayList<>();
      for (int i = 0; i < PLAYERS; i++) {
        downloads.add(
            players.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return download(gzip);
                }));
      }
      ready.await();
      go.countDown();
      List<byte[]> bodies = new ArrayList<>();
      for (Future<byte[]> download : downloads) {
        bodies.add(download.get());
      }
      return bodies;
    } finally {
      players.shutdownNow();
    }
  }

  /** What one player gets: status 200, the body as sent (still gzip when asked for). */
  byte[] download(boolean gzip) throws IOException, InterruptedException {
    HttpClient player =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + m3u)).timeout(Duration.ofSeconds(60));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> reply =
        player.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
    assertEquals(
        gzip ? "gzip" : "none",
        reply.headers().firstValue("Content-Encoding").orElse("none"),
        "the encoding asked for");
    return reply.body();
  }

  static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("a gzip body that does not inflate whole", e);
    }
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
