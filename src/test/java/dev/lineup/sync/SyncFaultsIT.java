package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import dev.lineup.support.ServerLog;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's fault proof: whatever the provider does wrong, the stored lineup, its tags and the
 * playlist players load stay exactly as they were, the run is recorded with what went wrong, and
 * the next healthy sync goes on from there.
 */
class SyncFaultsIT {
  /** The test server's PROVIDER_RETRIES and PROVIDER_RETRY_DELAY_MS (pom.xml sets both). */
  static final int RETRIES = Integer.getInteger("lineup.it.providerRetries", 2);

  static final long RETRY_DELAY_MS = Long.getLong("lineup.it.providerRetryDelayMs", 100);

  final StringBuilder requests = new StringBuilder();
  FakeProvider provider;
  long account;
  String playlist;

  @BeforeEach
  void setUp() {
    Api.post("/api/rulesets/create-default");
    provider = FakeProvider.start();
    provider.serveCapture();
    account = Accounts.create("Faults", provider);
    assertEquals("ok", sync().getString("status"));
    JsonObject config = Accounts.playlistOf("Faults", account);
    playlist = config.getJsonObject("urls").getString("m3u");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  JsonObject sync() {
    Reply reply = Api.post("/api/accounts/" + account + "/sync");
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  /** Everything a fault must not change: channels, categories, tags, and the players' playlist. */
  record Snapshot(List<Object> channels, List<Object> categories, List<Object> tags, String m3u) {}

  Snapshot snapshot() {
    Reply m3u = Api.get(playlist, "*/*");
    assertEquals(200, m3u.status(), m3u.toString());
    return new Snapshot(
        Db.column(
            "SELECT CAST(CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, name, is_active,"
                + " passes_filters, COALESCE(cleaned_name, ''), COALESCE(stream_icon, ''))))) AS CHAR)"
                + " FROM channels WHERE account_id = ?",
            account),
        Db.column(
            "SELECT CAST(CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, name, is_active)))) AS CHAR)"
                + " FROM categories WHERE account_id = ?",
            account),
        Db.column(
            "SELECT CAST(CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', channel_id, tag_id)))) AS CHAR)"
                + " FROM channel_tags WHERE account_id = ?",
            account),
        m3u.body());
  }

  /**
   * What docs/reliability.md promises about retries, from the fake provider's own record of the
   * requests: 5xx retried PROVIDER_RETRIES times with growing backoff; 429 retried as often, each
   * time after the provider's Retry-After (1 s, longer than any backoff here); a slow drip, and
   * answers that are simply wrong, never asked again.
   */
  void assertRetries(Behaviour fault, JsonObject run) {
    List<FakeProvider.Request> categories = provider.requests("get_live_categories");
    List<FakeProvider.Request> streams = provider.requests("get_live_streams");
    switch (fault) {
      case SERVER_ERROR, TOO_MANY_REQUESTS -> {
        assertEquals(RETRIES + 1, categories.size(), fault + ": 1 try and the retries");
        assertEquals(0, streams.size(), fault + ": the sync stops at the first failed list");
        for (int i = 1; i < categories.size(); i++) {
          long waitedMs = (categories.get(i).nanos() - categories.get(i - 1).nanos()) / 1_000_000;
          long expected = fault == Behaviour.SERVER_ERROR ? RETRY_DELAY_MS << (i - 1) : 1000;
          assertTrue(
              waitedMs >= expected,
              fault + ": retry " + i + " came after " + waitedMs + " ms, not " + expected);
        }
      }
      case DRIP -> {
        assertTrue(run.toString().contains("too slowly"), "a slow drip is given up: " + run);
        assertEquals(1, categories.size(), "the categories came (slowly) at the first try");
        assertEquals(1, streams.size(), "a slow drip is not retried: " + calls());
      }
      case AUTH_REJECTED, HTML, TRUNCATED, WRONG_SHAPE -> {
        assertEquals(1, categories.size() + streams.size(), fault + " is not retried: " + calls());
      }
      default -> {}
    }
  }

  /**
   * The provider's list requests in order, with when they came: "[categories@0, categories@1004]".
   */
  String calls() {
    List<FakeProvider.Request> all =
        provider.requests().stream().filter(r -> !r.action().isEmpty()).toList();
    if (all.isEmpty()) {
      return "none";
    }
    long start = all.get(0).nanos();
    return all.stream()
        .map(r -> r.action().replace("get_live_", "") + "@" + (r.nanos() - start) / 1_000_000)
        .toList()
        .toString();
  }

  @Test
  void noProviderFailureChangesTheLineupTagsOrPlaylistAndTheNextHealthySyncRecovers() {
    Snapshot before = snapshot();
    assertTrue(before.m3u().lines().filter(l -> l.startsWith("#EXTINF")).count() > 1000);
    assertFalse(before.tags().get(0).toString().startsWith("0:"), "the default rules tagged it");
    for (Behaviour fault :
        List.of(
            Behaviour.AUTH_REJECTED,
            Behaviour.HTML,
            Behaviour.SERVER_ERROR,
            Behaviour.TOO_MANY_REQUESTS,
            Behaviour.DRIP,
            Behaviour.RESET_MID_BODY,
            Behaviour.TRUNCATED,
            Behaviour.WRONG_SHAPE,
            Behaviour.EMPTY_LISTS,
            Behaviour.MOSTLY_MISSING)) {
      provider.behave(fault).forgetRequests();
      JsonObject run = sync();
      requests.append(String.format("%s: %s%n", fault, calls()));
      assertFalse(run.getBoolean("success"), fault + ": " + run);
      String expected =
          fault == Behaviour.EMPTY_LISTS || fault == Behaviour.MOSTLY_MISSING
              ? "suspicious"
              : "failed";
      assertEquals(expected, run.getString("status"), fault + ": " + run);
      assertFalse(run.toString().contains(provider.password()), fault + ": no password in the run");
      assertRetries(fault, run);
      JsonObject recorded =
          Api.get("/api/accounts/" + account + "/sync/history?limit=1").array().getJsonObject(0);
      assertEquals(
          run.getJsonNumber("run_id"), recorded.getJsonNumber("run_id"), fault + " is recorded");
      assertEquals(expected, recorded.getString("status"));
      assertEquals(before, snapshot(), fault + " changed what is stored or served");
    }

    System.out.println("Provider requests per fault:\n" + requests);
    String log = ServerLog.text();
    assertFalse(
        log.contains(provider.password())
            || log.contains(URLEncoder.encode(provider.password(), StandardCharsets.UTF_8)),
        "no provider password in the server log");

    // Valid lists labelled text/html are still the provider's lineup: taken, and nothing changes.
    provider.behave(Behaviour.WRONG_CONTENT_TYPE);
    assertEquals("ok", sync().getString("status"));
    assertEquals(before, snapshot());

    provider.behave(Behaviour.HEALTHY);
    JsonObject recovered = sync();
    assertEquals("ok", recovered.getString("status"), recovered.toString());
    assertEquals(0, recovered.getInt("channels_added") + recovered.getInt("channels_deactivated"));
    assertEquals(before, snapshot(), "a healthy sync of the same lineup keeps everything");
  }
}
