package dev.lineup.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.ExtraServer;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeStreams;
import dev.lineup.support.StreamClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers come and go: a third server C is started with the README's command ({@code
 * src/run/extra-server.sh}, from server B's configuration) and killed ({@code SIGKILL}) in the
 * middle of a sync while it relays a stream. The database stays as it was, the other servers report
 * the run as interrupted and sync the account at once, and C's relay slot is free within 30 s. The
 * relay's connection limit also holds across A and B.
 */
class ServerCrashIT {
  static final String C_PORT = System.getProperty("lineup.it.c.http.port", "19082");
  static final String C = "http://127.0.0.1:" + C_PORT;

  static FakeStreams streams;
  static FakeProvider relayed;
  static long relayAccount;
  static String token;
  static final Map<String, Long> ids = new HashMap<>();

  @BeforeAll
  static void setUp() {
    streams = FakeStreams.start();
    relayed = FakeProvider.start();
    StringBuilder m3u = new StringBuilder("#EXTM3U\n");
    for (String name : new String[] {"clusterA", "clusterB"}) {
      m3u.append("#EXTINF:-1 tvg-id=\"")
          .append(name)
          .append(".test\" group-title=\"Cluster\",")
          .append(name)
          .append("\n")
          .append(streams.url(name))
          .append("\n");
    }
    relayed.servePlaylist(m3u.toString());
    relayAccount = Accounts.createM3u("Cluster relay", relayed.url() + "/playlist.m3u");
    assertTrue(Api.post("/api/accounts/" + relayAccount + "/sync").json().getBoolean("success"));
    for (JsonValue c :
        Api.get("/api/accounts/" + relayAccount + "/preview?limit=10")
            .json()
            .getJsonArray("channels")) {
      ids.put(c.asJsonObject().getString("name"), c.asJsonObject().getJsonNumber("id").longValue());
    }
    assertEquals(
        200, Api.patch("/api/accounts/" + relayAccount, "{\"max_connections\":1}").status());
    JsonObject playlist = Accounts.playlistOf("Cluster relay", relayAccount);
    token = playlist.getJsonObject("urls").getString("m3u").split("/")[2];
  }

  @AfterAll
  static void tearDown() {
    Api.delete("/api/accounts/" + relayAccount);
    relayed.close();
    streams.close();
  }

  static String stream(String name) {
    return "/s/" + token + "/" + ids.get(name) + ".ts";
  }

  @Test
  void anAccountsConnectionLimitHoldsAcrossServers() throws Exception {
    try (StreamClient onA = openWhenFree(TwoServersIT.A, "clusterA")) {
      onA.read(20_000);
      try (StreamClient onB = StreamClient.open(TwoServersIT.B, stream("clusterB"), false)) {
        assertEquals(503, onB.status, "B sees A's slot taken: " + onB.headers);
        assertTrue(onB.rest().contains("in use"));
      }
      JsonObject slots = slotsOn(TwoServersIT.B);
      assertEquals(1, slots.getInt("used"), "B counts A's stream: " + slots);
    }
    // A's viewer left: once A's grace has passed, its slot is B's.
    await(
        "B plays once A gave its slot back",
        20,
        () -> {
          try (StreamClient onB = StreamClient.open(TwoServersIT.B, stream("clusterB"), false)) {
            return onB.status == 200 && onB.read(20_000) >= 20_000;
          } catch (IOException e) {
            return false;
          }
        });
  }

  @Test
  void killingAServerMidSyncLeavesTheDatabaseConsistentAndTheOthersCarryOn() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serve(Channels.categories(5), Channels.streams(1, 20_000));
      long account = Accounts.create("Crash", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      Accounts.awaitGuideMatching(account); // it writes its outcome onto the channels
      String channels = "(SELECT * FROM channels WHERE account_id = " + account + ") c";
      String before = Db.checksum(channels);

      ExtraServer server = ExtraServer.start(Integer.parseInt(C_PORT), "lineup-it-b");
      try {
        try (StreamClient onC = openWhenFree(C, "clusterA")) {
          onC.read(20_000);
          provider.behave(FakeProvider.Behaviour.SLOW); // about 12 s of channel list
          HttpRequest sync =
              Api.authorized(
                      HttpRequest.newBuilder(
                          URI.create(C + "/api/accounts/" + account + "/sync?async=true")))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build();
          assertEquals(
              202,
              HttpClient.newHttpClient()
                  .send(sync, HttpResponse.BodyHandlers.ofString())
                  .statusCode());
          await(
              "C fetching the channels",
              30,
              () -> {
                JsonObject status = Api.get("/api/accounts/" + account + "/sync/status").json();
                return status.getBoolean("running")
                    && !status.isNull("progress")
                    && "fetching_channels"
                        .equals(status.getJsonObject("progress").getString("phase"));
              });
          server.kill();
        }
        long killed = System.nanoTime();

        await(
            "A reports C's run as interrupted",
            10,
            () ->
                !Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running"));
        JsonObject last =
            Api.get("/api/accounts/" + account + "/sync/status").json().getJsonObject("last_run");
        assertEquals("failed", last.getString("status"), last::toString);
        assertTrue(last.getString("message").startsWith("Interrupted"), last::toString);
        assertEquals(before, Db.checksum(channels), "no channel written by the killed sync");
        assertEquals(
            0L,
            Db.number(
                "SELECT COUNT(*) FROM sync_runs WHERE status = 'running' AND account_id = ?",
                account));

        provider.behave(FakeProvider.Behaviour.HEALTHY);
        Reply again = Api.post("/api/accounts/" + account + "/sync");
        assertEquals(200, again.status(), "A syncs the account at once: " + again);
        assertEquals("ok", again.json().getString("status"), again::toString);

        await(
            "C's relay slot free",
            30,
            () -> {
              try (StreamClient onA = StreamClient.open(stream("clusterB"))) {
                return onA.status == 200;
              } catch (IOException e) {
                return false;
              }
            });
        long freed = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(freed < 30_000, "freed after " + freed + " ms");
        System.out.println(
            "[cluster] a killed server's relay slot was free after " + freed + " ms");
      } finally {
        server.kill();
        Api.delete("/api/accounts/" + account);
      }
    }
  }

  /**
   * Opens the channel's stream on the server once the account's one slot is free (another test's
   * stream may still be in its grace period on another server).
   */
  static StreamClient openWhenFree(String server, String name) throws Exception {
    long end = System.nanoTime() + 30_000_000_000L;
    while (true) {
      StreamClient client = StreamClient.open(server, stream(name), false);
      if (client.status == 200) {
        client.read(20_000);
        return client;
      }
      client.close();
      if (System.nanoTime() > end) {
        fail(name + " on " + server + ": " + client.status + " for 30 s");
      }
      Thread.sleep(500);
    }
  }

  static JsonObject slotsOn(String server) {
    Reply reply =
        Api.send(
            Api.authorized(HttpRequest.newBuilder(URI.create(server + "/api/streams")))
                .header("Accept", "application/json")
                .GET());
    for (JsonValue a : reply.json().getJsonArray("accounts")) {
      if (a.asJsonObject().getJsonNumber("id").longValue() == relayAccount) {
        return a.asJsonObject();
      }
    }
    throw new AssertionError("no account " + relayAccount + " in " + reply);
  }

  static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail(what + " within " + seconds + " s");
      }
      Thread.sleep(250);
    }
  }
}
