package dev.lineup.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two Lineup servers on one database (issue 21): the test server A, and B started beside it by the
 * pom on other ports, sharing A's folder ({@code SHARED_DIR}) and key. A load balancer may send
 * each request to either: what one server did, the other knows.
 */
class TwoServersIT {
  static final String A = Api.BASE_URL;
  static final String B = System.getProperty("lineup.baseUrlB", "http://127.0.0.1:19081");

  static Reply onB(String method, String path) {
    return Api.send(
        Api.authorized(HttpRequest.newBuilder(URI.create(B + path)).timeout(Duration.ofSeconds(30)))
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void serverBIsReadyOnTheSameDatabaseAndSeesWhatATold() {
    Reply ready = onB("GET", "/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertTrue(ready.body().contains("\"node\""), "names its database node: " + ready.body());
    assertTrue(ready.body().contains("\"reachable\":true"), "shared storage: " + ready.body());
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Two servers", provider);
      Reply seen = onB("GET", "/api/accounts/" + account);
      assertEquals(200, seen.status(), seen::toString);
      assertEquals(
          Api.get("/api/accounts/" + account).json().getString("name"),
          seen.json().getString("name"));
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aSyncRunningOnAIsRefusedOnBAndItsProgressArrivesOnB() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Two servers sync", provider);
      List<String> lines = new CopyOnWriteArrayList<>();
      HttpRequest events =
          Api.authorized(
                  HttpRequest.newBuilder(
                      URI.create(B + "/api/accounts/" + account + "/sync/events")))
              .header("Accept", "text/event-stream")
              .timeout(Duration.ofSeconds(90))
              .build();
      CompletableFuture<Void> reading =
          HttpClient.newHttpClient()
              .sendAsync(events, HttpResponse.BodyHandlers.ofLines())
              .thenAccept(
                  response ->
                      response
                          .body()
                          .takeWhile(line -> !line.equals("event: done"))
                          .forEach(lines::add));
      ServerCrashIT.await(
          "B's idle event",
          60,
          () -> lines.stream().anyMatch(l -> l.contains("\"phase\":\"idle\"")));

      provider.behave(FakeProvider.Behaviour.SLOW);
      Reply started = Api.post("/api/accounts/" + account + "/sync?async=true");
      assertEquals(202, started.status(), started::toString);
      Reply refused = onB("POST", "/api/accounts/" + account + "/sync");
      assertEquals(409, refused.status(), refused::toString);
      assertTrue(refused.isProblem());
      assertTrue(
          onB("GET", "/api/accounts/" + account + "/sync/status").json().getBoolean("running"),
          "B says it runs");
      provider.behave(FakeProvider.Behaviour.HEALTHY);
      reading.get(90, TimeUnit.SECONDS); // B's stream saw the end of A's sync

      String all = String.join("\n", lines);
      assertTrue(all.contains("event: progress"), all);
      assertTrue(all.contains("\"phase\":\"fetching_channels\""), all);
      assertFalse(all.contains(provider.password()), all);
      ServerCrashIT.await(
          "the run recorded as ended",
          60,
          () -> !Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running"));
      Api.delete("/api/accounts/" + account);
    }
  }

  /** One persistent timer for both servers: a due account gets one scheduled run, not two. */
  @Test
  void theScheduleSyncsADueAccountOnceAcrossBothServers() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serve(Channels.categories(2), Channels.streams(1, 10));
      long account = Accounts.create("Scheduled twice?", provider);
      Api.patch("/api/accounts/" + account, "{\"sync_interval_hours\": 1}");
      ServerCrashIT.await(
          "the schedule syncs the account",
          60,
          () ->
              Db.number(
                      "SELECT COUNT(*) FROM sync_runs WHERE account_id = ? AND status <> 'running'",
                      account)
                  > 0);
      Thread.sleep(8_000); // four checks on each server's cadence
      assertEquals(
          1L,
          Db.number(
              "SELECT COUNT(*) FROM sync_runs WHERE account_id = ? AND trigger_type = 'schedule'",
              account),
          "synced once");
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aGuideRefreshedThroughAIsServedByBAtOnceByteIdentical() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serve(Channels.categories(1), Channels.streams(1, 8));
      provider.serveGuide(guide("First"));
      long account = Accounts.create("Shared guide", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
      String epg =
          Accounts.playlistOf("Shared guide", account).getJsonObject("urls").getString("epg");

      Raw fromA = Raw.get(A, epg, "tv.example");
      Raw fromB = Raw.get(B, epg, "tv.example");
      assertEquals(200, fromB.status(), fromB.head());
      assertTrue(fromA.text().contains("First programme"), fromA.text());
      assertArrayEquals(fromA.body(), fromB.body(), "byte-identical");
      assertEquals(fromA.etag(), fromB.etag());

      provider.serveGuide(guide("Second"));
      assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
      Raw again = Raw.get(B, epg, "tv.example");
      assertTrue(again.text().contains("Second programme"), "B serves the new guide at once");
      assertNotEquals(fromB.etag(), again.etag());
      assertArrayEquals(Raw.get(A, epg, "tv.example").body(), again.body());
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aPlaylistEditedOnAGivesBsPlayersTheNewBodyAndETag() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serve(Channels.categories(1), Channels.streams(1, 5));
      long account = Accounts.create("Edited on A", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      JsonObject playlist = Accounts.playlistOf("Edited", account);
      String m3u = playlist.getJsonObject("urls").getString("m3u");
      // A load balancer keeps the Host players asked for: both servers answer for tv.example.
      Raw before = Raw.get(B, m3u, "tv.example");
      assertEquals(200, before.status(), before.head());
      assertEquals(before.etag(), Raw.get(A, m3u, "tv.example").etag(), "one ETag on both");
      assertArrayEquals(before.body(), Raw.get(A, m3u, "tv.example").body());

      Reply edited =
          Api.put(
              "/api/playlist-configs/" + playlist.getJsonNumber("id").longValue(),
              Json.createObjectBuilder()
                  .add("name", playlist.getString("name"))
                  .add("include_accounts", Json.createArrayBuilder().add(account))
                  .add("stream_mode", "proxy")
                  .add("numbering", "sequential")
                  .add("start_number", 500)
                  .build()
                  .toString());
      assertEquals(200, edited.status(), edited::toString);
      Raw after = Raw.get(B, m3u, "tv.example");
      assertNotEquals(before.etag(), after.etag(), "B's next answer is the new playlist");
      assertTrue(after.text().contains("tvg-chno=\"500\""), after.text());
      assertFalse(Arrays.equals(before.body(), after.body()));
      assertEquals(after.etag(), Raw.get(A, m3u, "tv.example").etag());

      // A sync on A that changes the channels moves B's ETag too.
      provider.serve(Channels.categories(1), Channels.streams(1, 6));
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      Raw synced = Raw.get(B, m3u, "tv.example");
      assertNotEquals(after.etag(), synced.etag());
      assertEquals(synced.etag(), Raw.get(A, m3u, "tv.example").etag());
      Api.delete("/api/playlist-configs/" + playlist.getJsonNumber("id").longValue());
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aTokenRevokedOnAIsRefusedByBWithinTwoSeconds() throws Exception {
    Reply made = Api.post("/api/tokens", "{\"name\": \"two servers\"}");
    assertEquals(201, made.status(), made::toString);
    String token = made.json().getString("token");
    HttpRequest.Builder use =
        HttpRequest.newBuilder(URI.create(B + "/api/accounts"))
            .header("Authorization", "Bearer " + token);
    assertEquals(200, Api.anonymous(use).statusCode(), "B knows the token (and remembers it)");
    assertEquals(200, Api.anonymous(use).statusCode());

    long revoked = System.nanoTime();
    assertEquals(204, Api.delete("/api/tokens/" + made.json().getInt("id")).status());
    while (Api.anonymous(use).statusCode() != 401) {
      assertTrue(System.nanoTime() - revoked < 2_000_000_000L, "B refused it within 2 s");
      Thread.sleep(50);
    }
    long ms = (System.nanoTime() - revoked) / 1_000_000;
    System.out.println("[cluster] a token revoked on A was refused by B after " + ms + " ms");
  }

  @Test
  void aSignOutOnAEndsTheSessionOnBWithinTwoSeconds() throws Exception {
    Api.Session session = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    HttpRequest.Builder onB =
        HttpRequest.newBuilder(URI.create(B + "/api/session")).header("Cookie", session.cookie());
    assertEquals(200, Api.anonymous(onB).statusCode(), "B knows the session (and remembers it)");
    long out = System.nanoTime();
    HttpResponse<String> signedOut =
        Api.anonymous(
            Api.form("/logout", "csrf_token", session.csrf()).header("Cookie", session.cookie()));
    assertEquals(303, signedOut.statusCode(), signedOut.body());
    while (Api.anonymous(onB).statusCode() != 401) {
      assertTrue(System.nanoTime() - out < 2_000_000_000L, "B ended it within 2 s");
      Thread.sleep(50);
    }
  }

  private static String guide(String title) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tv>\n");
    for (int id = 4; id <= 8; id += 4) {
      xml.append("<channel id=\"ch").append(id).append(".us\"><display-name>Ch ").append(id);
      xml.append("</display-name></channel>\n");
    }
    for (int id = 4; id <= 8; id += 4) {
      xml.append("<programme start=\"20261201000000 +0000\" stop=\"20261201010000 +0000\"")
          .append(" channel=\"ch")
          .append(id)
          .append(".us\"><title>")
          .append(title)
          .append(" programme</title></programme>\n");
    }
    return xml.append("</tv>\n").toString();
  }

  /** One HTTP/1.0 answer, asked with a chosen Host header (as through a load balancer). */
  record Raw(int status, String head, byte[] body) {
    static Raw get(String base, String url, String host) throws IOException {
      URI server = URI.create(base);
      String path = URI.create(url).getRawPath();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
        socket.setSoTimeout(30_000);
        socket
            .getOutputStream()
            .write(
                ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Raw(status, head, Arrays.copyOfRange(bytes, end + 4, bytes.length));
      }
    }

    String etag() {
      return Stream.of(head.split("\r\n"))
          .filter(l -> l.toLowerCase().startsWith("etag:"))
          .map(l -> l.substring(5).strip())
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
      outer:
      for (int i = 0; i + part.length <= bytes.length; i++) {
        for (int j = 0; j < part.length; j++) {
          if (bytes[i + j] != part[j]) {
            continue outer;
          }
        }
        return i;
      }
      throw new IllegalStateException("no end of head in " + bytes.length + " bytes");
    }
  }
}
