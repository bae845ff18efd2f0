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
import jakarta.json.JsonObject;
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
      provider.behave(fault);
      JsonObject run = sync();
      assertFalse(run.getBoolean("success"), fault + ": " + run);
      String expected =
          fault == Behaviour.EMPTY_LISTS || fault == Behaviour.MOSTLY_MISSING
              ? "suspicious"
              : "failed";
      assertEquals(expected, run.getString("status"), fault + ": " + run);
      assertFalse(run.toString().contains(provider.password()), fault + ": no password in the run");
      if (fault == Behaviour.DRIP) {
        assertTrue(run.toString().contains("too slowly"), "a slow drip is given up: " + run);
      }
      JsonObject recorded =
          Api.get("/api/accounts/" + account + "/sync/history?limit=1").array().getJsonObject(0);
      assertEquals(
          run.getJsonNumber("run_id"), recorded.getJsonNumber("run_id"), fault + " is recorded");
      assertEquals(expected, recorded.getString("status"));
      assertEquals(before, snapshot(), fault + " changed what is stored or served");
    }

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
