package dev.lineup.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeStreams;
import dev.lineup.support.Node;
import dev.lineup.support.StreamClient;
import dev.lineup.support.Tools;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream relay against a fake provider whose stream server counts connections: players get
 * Lineup's URLs and never the provider's login, viewers of a channel share one connection, an
 * account's connection limit holds, a failing source hands over to the next one (never on a 403),
 * and a player that takes nothing is dropped. The IT server runs with RELAY_STALL_SECONDS=3,
 * RELAY_GRACE_SECONDS=3 and RELAY_SLOW_VIEWER_SECONDS=6 (pom.xml).
 */
class RelayIT {
  static FakeStreams streams;
  static FakeProvider first; // account A: most channels
  static FakeProvider second; // account B: the backups of A's failing channels
  static FakeProvider limited; // account C: max_connections 1
  static long accountA;
  static long accountB;
  static long accountC;
  static long playlist;
  static String token;
  static final Map<String, Long> ids = new HashMap<>();

  @BeforeAll
  static void setUp() {
    streams = FakeStreams.start();
    streams.mode("missing", FakeStreams.Mode.NOT_FOUND);
    first =
        provider(
            "share",
            "ua",
            "fail500",
            "failhang",
            "forbid",
            "slow",
            "stop",
            "ffprobe",
            "hls",
            "missing",
            "xtA",
            "xtB");
    second = provider("fail500b", "failhangb", "forbidb");
    limited = provider("slotA", "slotB");
    accountA = Accounts.createM3u("Relay A", first.url() + "/playlist.m3u");
    accountB = Accounts.createM3u("Relay B", second.url() + "/playlist.m3u");
    accountC = Accounts.createM3u("Relay C", limited.url() + "/playlist.m3u");
    for (long account : new long[] {accountA, accountB, accountC}) {
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      for (JsonValue c :
          Api.get("/api/accounts/" + account + "/preview?limit=100")
              .json()
              .getJsonArray("channels")) {
        ids.put(
            c.asJsonObject().getString("name"), c.asJsonObject().getJsonNumber("id").longValue());
      }
    }
    for (String pair : new String[] {"fail500", "failhang", "forbid"}) {
      Reply merged =
          Api.put(
              "/api/merged-channels",
              "{\"sources\":[" + ids.get(pair) + "," + ids.get(pair + "b") + "]}");
      assertEquals(200, merged.status(), merged::toString);
    }
    Reply limit = Api.patch("/api/accounts/" + accountC, "{\"max_connections\":1}");
    assertEquals(200, limit.status(), limit::toString);
    assertEquals(1, limit.json().getInt("max_connections"));
    Reply created =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("Relayed"))
                .add(
                    "include_accounts",
                    Json.createArrayBuilder().add(accountA).add(accountB).add(accountC))
                .add("merge_duplicates", true)
                .build()
                .toString());
    assertEquals(201, created.status(), created::toString);
    assertEquals("proxy", created.json().getString("stream_mode"), "new playlists relay");
    playlist = created.json().getJsonNumber("id").longValue();
    token = created.json().getJsonObject("urls").getString("m3u").split("/")[2];
  }

  /** A provider whose M3U lists these streams of the stream server ("hls": its HLS stream). */
  private static FakeProvider provider(String... names) {
    FakeProvider provider = FakeProvider.start();
    StringBuilder m3u = new StringBuilder("#EXTM3U\n");
    for (String name : names) {
      m3u.append("#EXTINF:-1 tvg-id=\"")
          .append(name)
          .append(".test\" group-title=\"Relay\"")
          .append(
              name.equals("ua")
                  ? " user-agent=\"RelayTest/1.0\" referrer=\"http://ref.example/\""
                  : "")
          .append(",")
          .append(name)
          .append("\n")
          .append(name.equals("ua") ? "#EXTVLCOPT:http-origin=http://origin.example\n" : "")
          .append(name.equals("hls") ? streams.hlsUrl() : streams.url(name))
          .append("\n");
    }
    provider.servePlaylist(m3u.toString());
    return provider;
  }

  @AfterAll
  static void tearDown() {
    Api.delete("/api/playlist-configs/" + playlist);
    for (long account : new long[] {accountA, accountB, accountC}) {
      Api.delete("/api/accounts/" + account);
    }
    first.close();
    second.close();
    limited.close();
    streams.close();
  }

  static String stream(String name) {
    return "/s/" + token + "/" + ids.get(name) + ".ts";
  }

  static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail(what + " within " + seconds + " s; streams now: " + Api.get("/api/streams").body());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void playersGetLineupsStreamUrlsAndNeverTheProvidersLogin() throws Exception {
    String m3u = Api.get("/p/" + token + "/playlist.m3u", "*/*").body();
    assertTrue(m3u.contains("/s/" + token + "/" + ids.get("share") + ".ts"), m3u);
    assertFalse(m3u.contains(FakeStreams.SECRET), "no provider password in the M3U");
    assertFalse(m3u.contains(streams.base()), "no provider address in the M3U");
    assertFalse(m3u.contains("RelayTest/1.0"), "the user agent is the relay's business: " + m3u);
    String lineup = Api.get("/hdhr/" + token + "/lineup.json").body();
    assertFalse(lineup.contains(FakeStreams.SECRET), lineup);
    assertTrue(lineup.contains("/hdhr/" + token + "/stream/" + ids.get("share")), lineup);

    String username = "relay" + Long.toString(System.nanoTime(), 36);
    Reply user =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\"" + username + "\",\"playlist_id\":" + playlist + "}");
    assertEquals(201, user.status(), user::toString);
    String password = user.json().getString("password");
    String login = "username=" + username + "&password=" + password;
    for (String list :
        List.of(
            "/get.php?" + login + "&type=m3u_plus",
            "/player_api.php?" + login + "&action=get_live_streams",
            "/player_api.php?" + login)) {
      String body = Api.get(list, "*/*").body();
      assertFalse(body.contains(FakeStreams.SECRET), list + ": " + body);
      assertFalse(body.contains(streams.base()), list + ": " + body);
    }
    // Through the Xtream path: relayed, no redirect to the provider
    try (StreamClient viewer =
        StreamClient.open("/live/" + username + "/" + password + "/" + ids.get("ua") + ".ts")) {
      assertEquals(200, viewer.status, viewer.headers);
      assertFalse(viewer.headers.contains(FakeStreams.SECRET), viewer.headers);
      assertTrue(viewer.read(100_000) >= 100_000);
      assertEquals("RelayTest/1.0", streams.header("ua", "User-Agent"), "the entry's user agent");
      assertEquals("http://ref.example/", streams.header("ua", "Referer"));
      assertEquals("http://origin.example", streams.header("ua", "Origin"));
      assertTrue(
          Api.get("/player_api.php?" + login, "*/*").body().contains("\"active_cons\":\"1\""),
          "the login's active connections");
    }
    Api.delete("/api/xtream-users/" + user.json().getJsonObject("user").getJsonNumber("id"));
  }

  @Test
  void anXtreamLoginWatchesAsManyChannelsAsItsMaxConnectionsAndZapsWithinThem() throws Exception {
    String username = "zap" + Long.toString(System.nanoTime(), 36);
    Reply user =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\"" + username + "\",\"playlist_id\":" + playlist + "}");
    assertEquals(201, user.status(), user::toString);
    assertEquals(1, user.json().getJsonObject("user").getInt("max_connections"));
    String live = "/live/" + username + "/" + user.json().getString("password") + "/";
    try {
      try (StreamClient a = StreamClient.open(live + ids.get("xtA") + ".ts");
          StreamClient again = StreamClient.open(live + ids.get("xtA") + ".ts")) {
        assertEquals(200, a.status, () -> a.headers + body(a));
        assertEquals(200, again.status, "a second connection to the same channel counts once");
        a.read(20_000);
        try (StreamClient b = StreamClient.open(live + ids.get("xtB") + ".ts")) {
          assertEquals(503, b.status, b.headers);
          assertTrue(b.rest().contains("at once"));
        }
      }
      // zapping: the player hangs up channel A and opens channel B at once
      try (StreamClient b = StreamClient.open(live + ids.get("xtB") + ".ts")) {
        assertEquals(200, b.status, b.headers);
        assertTrue(b.read(20_000) >= 20_000);
      }
      // a wrong password gets what it gets on every Xtream door: a 404, nothing played
      HttpResponse<String> wrong =
          Api.anonymous(
              Api.request("/live/" + username + "/wrong-pass/" + ids.get("xtB") + ".ts").GET());
      assertEquals(404, wrong.statusCode(), wrong.body());
      assertFalse(wrong.body().contains(FakeStreams.SECRET), wrong.body());
    } finally {
      Api.delete("/api/xtream-users/" + user.json().getJsonObject("user").getJsonNumber("id"));
    }
    Reply zero = Api.patch("/api/accounts/" + accountC, "{\"max_connections\":0}");
    assertEquals(422, zero.status(), "a limit of 0 would block the account: " + zero);
  }

  @Test
  void ffprobeReadsTsAndHlsChannelsThroughLineup() throws Exception {
    Tools.debian("ffprobe", "ffmpeg");
    Tools.debian("python3", "python3");
    Path clients = Node.install("clients");
    for (String name : List.of("ffprobe", "hls")) {
      Node.Result probe =
          Node.run(
              clients,
              List.of("sh", "ffprobe_url.sh", Api.BASE_URL + stream(name), "30"),
              Map.of(),
              60);
      assertEquals(0, probe.status(), name + ": " + probe.output());
      assertTrue(probe.output().contains("format=mpegts"), probe.output());
      assertTrue(probe.output().contains("h264"), probe.output());
      assertFalse(probe.output().contains(FakeStreams.SECRET), probe.output());
    }
  }

  @Test
  void tenViewersOfOneChannelShareOneUpstreamWhichClosesAfterTheLastLeaves() throws Exception {
    List<StreamClient> viewers = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        viewers.add(StreamClient.open(stream("share")));
      }
      for (StreamClient viewer : viewers) {
        assertEquals(200, viewer.status, viewer.headers);
        assertTrue(viewer.headers.toLowerCase().contains("content-type: video/mp2t"));
        assertTrue(viewer.read(200_000) >= 200_000);
      }
      assertEquals(1, streams.opens("share"), "one connection to the provider for ten viewers");
      JsonObject shared = streamOf(ids.get("share"));
      assertEquals(10, shared.getJsonArray("viewers").size(), shared.toString());
      assertEquals(accountA, shared.getJsonNumber("account_id").longValue());
      assertTrue(shared.getJsonNumber("bytes").longValue() >= 200_000, shared.toString());
    } finally {
      for (StreamClient viewer : viewers) {
        viewer.close();
      }
    }
    await(
        "the provider's connection closed after the grace",
        12,
        () -> streams.openNow("share") == 0);
    assertEquals(null, streamOf(ids.get("share")));
  }

  @Test
  void aOneConnectionAccountRefusesASecondChannelClearlyAndPlaysItOnceTheFirstIsLeft()
      throws Exception {
    try (StreamClient one = StreamClient.open(stream("slotA"))) {
      assertEquals(200, one.status, one.headers);
      one.read(50_000);
      long asked = System.nanoTime();
      try (StreamClient two = StreamClient.open(stream("slotB"))) {
        assertEquals(503, two.status, two.headers);
        assertTrue((System.nanoTime() - asked) / 1_000_000 < 3000, "refused at once, no hang");
        assertTrue(two.headers.toLowerCase().contains("application/problem+json"), two.headers);
        assertTrue(two.headers.contains("Retry-After: 10"), "when to try again: " + two.headers);
        String problem = two.rest();
        assertTrue(problem.contains("in use"), problem);
      }
      JsonObject slots = slotsOf(accountC);
      assertEquals(1, slots.getInt("limit"));
      assertEquals(1, slots.getInt("used"));
      assertEquals(0, slots.getInt("free"));
    }
    // The first channel's viewer left: well within the grace, the second channel plays
    long left = System.nanoTime();
    try (StreamClient two = StreamClient.open(stream("slotB"))) {
      assertEquals(200, two.status, two.headers);
      assertTrue(two.read(50_000) >= 50_000);
      assertTrue((System.nanoTime() - left) / 1_000_000 < 3000, "played within the grace");
      assertEquals(0, streams.openNow("slotA"), "the idle stream gave its slot up");
    }
  }

  @Test
  void aSourceAnswering500HandsOverToTheNextAndSoDoesOneThatHangsMidStream() throws Exception {
    streams.mode("fail500", FakeStreams.Mode.SERVER_ERROR);
    try (StreamClient viewer = StreamClient.open(stream("fail500"))) {
      assertEquals(200, viewer.status, viewer.headers);
      assertTrue(viewer.read(100_000) >= 100_000);
      assertEquals(1, streams.opens("fail500"));
      assertEquals(1, streams.opens("fail500b"), "the merged channel's second source");
      assertEquals(accountB, streamOf(ids.get("fail500")).getJsonNumber("account_id").longValue());
    }
    streams.mode("failhang", FakeStreams.Mode.HANG_MID_STREAM);
    try (StreamClient viewer = StreamClient.open(stream("failhang"))) {
      assertEquals(200, viewer.status, viewer.headers);
      // 200 KB from the first source, silence, then the second source's after the stall
      assertTrue(viewer.read(600_000) >= 600_000);
      assertEquals(1, streams.opens("failhangb"));
      assertTrue(
          streamOf(ids.get("failhang")).getInt("failovers") >= 1,
          () -> streamOf(ids.get("failhang")).toString());
    }
  }

  @Test
  void aRefusedAccountDoesNotRotateThroughTheOthers() throws Exception {
    streams.mode("forbid", FakeStreams.Mode.FORBIDDEN);
    try (StreamClient viewer = StreamClient.open(stream("forbid"))) {
      assertEquals(502, viewer.status, viewer.headers);
      String problem = viewer.rest();
      assertTrue(problem.contains("refused"), problem);
      assertFalse(problem.contains(FakeStreams.SECRET), problem);
    }
    assertEquals(1, streams.opens("forbid"));
    assertEquals(0, streams.opens("forbidb"), "a 403 never fails over");
  }

  @Test
  void aViewerThatTakesNothingIsDroppedAndTheOthersGoOn() throws Exception {
    streams.rate(2_000_000);
    try (StreamClient stuck = StreamClient.open(stream("slow"), true);
        StreamClient reader = StreamClient.open(stream("slow"))) {
      assertEquals(200, stuck.status);
      assertEquals(200, reader.status);
      long end = System.nanoTime() + 40_000_000_000L;
      while (streamOf(ids.get("slow")).getJsonArray("viewers").size() > 1) {
        reader.read(100_000);
        assertTrue(System.nanoTime() < end, "the stuck viewer is dropped within 40 s");
      }
      assertTrue(reader.read(500_000) >= 500_000, "the other viewer goes on");
      Reply metrics = Api.get("/metrics?scope=application", "text/plain");
      assertTrue(metrics.body().contains("lineup_relay_viewers_dropped_total"), metrics.body());
    } finally {
      streams.rate(500_000);
    }
  }

  @Test
  void anAdminStopsAStreamAndItsSlotIsFree() throws Exception {
    try (StreamClient viewer = StreamClient.open(stream("stop"))) {
      assertEquals(200, viewer.status);
      viewer.read(50_000);
      long id = streamOf(ids.get("stop")).getJsonNumber("id").longValue();
      assertEquals(204, Api.delete("/api/streams/" + id).status());
      await("the stream ended", 5, () -> streams.openNow("stop") == 0);
      assertEquals(404, Api.delete("/api/streams/" + id).status());
    }
  }

  @Test
  void badPlayerUrlsGetTheAnswersOfTheOtherPlayerUrls() throws Exception {
    HttpResponse<String> unknown =
        Api.anonymous(Api.request("/s/" + token + "/999999999.ts").GET());
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("No such channel in this playlist"), unknown.body());
    assertEquals(
        404, Api.anonymous(Api.request("/s/" + "x".repeat(43) + "/1.ts").GET()).statusCode());
    assertEquals(404, Api.anonymous(Api.request("/s/" + token + "/abc").GET()).statusCode());
    try (StreamClient missing = StreamClient.open(stream("missing"))) {
      assertEquals(502, missing.status, missing.headers);
      String problem = missing.rest();
      assertFalse(problem.contains(streams.base()), problem);
    }
    HttpResponse<String> head =
        Api.anonymous(
            Api.request(stream("share"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, head.statusCode());

    assertEquals(200, enable(false).status());
    try {
      assertEquals(403, Api.anonymous(Api.request(stream("share")).GET()).statusCode());
    } finally {
      assertEquals(200, enable(true).status());
    }
    String old = token;
    String rotated =
        Api.post("/api/playlist-configs/" + playlist + "/rotate-token")
            .json()
            .getJsonObject("urls")
            .getString("m3u")
            .split("/")[2];
    token = rotated;
    assertEquals(
        404,
        Api.anonymous(Api.request("/s/" + old + "/" + ids.get("share") + ".ts").GET()).statusCode(),
        "a rotated token's streams are gone");
  }

  /** Turns the playlist on or off (PUT of its settings as they are otherwise). */
  static Reply enable(boolean enabled) {
    JsonObject current = Api.get("/api/playlist-configs/" + playlist).json();
    return Api.put(
        "/api/playlist-configs/" + playlist,
        Json.createObjectBuilder(current).add("enabled", enabled).build().toString());
  }

  /** The rest of an answer (a problem's JSON) for a failure message. */
  static String body(StreamClient client) {
    try {
      return client.rest();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** The active stream of this channel in /api/streams, or null. */
  static JsonObject streamOf(long channel) {
    for (JsonValue s : Api.get("/api/streams").json().getJsonArray("streams")) {
      if (s.asJsonObject().getJsonNumber("channel_id").longValue() == channel) {
        return s.asJsonObject();
      }
    }
    return null;
  }

  static JsonObject slotsOf(long account) {
    for (JsonValue a : Api.get("/api/streams").json().getJsonArray("accounts")) {
      if (a.asJsonObject().getJsonNumber("id").longValue() == account) {
        return a.asJsonObject();
      }
    }
    throw new AssertionError("no account " + account + " in /api/streams");
  }
}
