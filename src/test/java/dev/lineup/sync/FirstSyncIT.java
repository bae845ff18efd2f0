package dev.lineup.sync;

import static dev.lineup.sync.SyncConcurrencyIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A first sync writes its channels straight into the lineup's table, inside one transaction that
 * overlaps the fetch: nobody may see them before it commits, and a failure, cancel or deletion must
 * leave nothing behind.
 */
class FirstSyncIT {
  /** More than two staging chunks (20,000 rows each), so chunks are written before a failure. */
  private static final int MANY = 50_000;

  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    account = Accounts.create("First sync", provider);
  }

  @AfterEach
  void tearDown() throws Exception {
    // Its big lineup must not stay behind for "sync all", nor its URL point at a port that a later
    // test's provider may get: the account goes with its provider.
    if (Api.get("/api/accounts/" + account + "/sync/status").status() == 200) {
      Api.delete("/api/accounts/" + account + "/sync");
      await("no sync of the account runs", () -> !status().getBoolean("running"));
      Api.delete("/api/accounts/" + account);
    }
    provider.close();
  }

  private long storedChannels() {
    return Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ?", account);
  }

  private JsonObject status() {
    return Api.get("/api/accounts/" + account + "/sync/status").json();
  }

  @Test
  void aFirstSyncThatStallsAfterWritingChunksIsRetriedAfreshLeavesNoChannelAndTheNextWritesAll() {
    provider
        .behave(Behaviour.STREAMS_STALL_MID_BODY)
        .serve(Channels.categories(5), Channels.streams(1, MANY));
    JsonObject failed = Api.post("/api/accounts/" + account + "/sync").json();
    assertEquals("failed", failed.getString("status"), failed::toString);
    assertEquals(0, storedChannels(), "the chunks written before the drop are rolled back");
    assertEquals(0, Db.number("SELECT COUNT(*) FROM categories WHERE account_id = ?", account));
    assertEquals(
        1 + SyncFaultsIT.RETRIES,
        provider.requests("get_live_streams").size(),
        "the stalled list was fetched again, each try starting afresh");

    provider.behave(Behaviour.HEALTHY);
    assertEveryChannelAddedOnce(Api.post("/api/accounts/" + account + "/sync").json());
    assertEquals(
        1,
        Db.number("SELECT COUNT(DISTINCT first_seen) FROM channels WHERE account_id = ?", account),
        "every channel of a first sync was first seen at the same time");
    assertEquals(
        MANY,
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters"
                + " AND cleaned_name IS NOT NULL",
            account));
  }

  @Test
  void aRetriedFirstSyncStartsAfreshAndCountsEveryChannelOnce() {
    provider
        .behave(Behaviour.STREAMS_STALL_ONCE)
        .serve(Channels.categories(5), Channels.streams(1, MANY));
    // the stalled try's chunks were rolled back: each channel is added once
    assertEveryChannelAddedOnce(Api.post("/api/accounts/" + account + "/sync").json());
    assertEquals(2, provider.requests("get_live_streams").size(), "stalled once, then whole");
  }

  private void assertEveryChannelAddedOnce(JsonObject run) {
    assertEquals("ok", run.getString("status"), run::toString);
    assertEquals(MANY, run.getInt("channels_fetched"));
    assertEquals(MANY, run.getInt("channels_added"));
    assertEquals(MANY, storedChannels());
  }

  @Test
  void aFirstSyncHeldBackAfterWritingChunksLeavesNoChannel() {
    // The categories are stored first; the full sync then lacks most of them, after its channels
    // have been written in chunks: the safety gate stops it, and nothing may stay.
    provider.serve(Channels.categories(50), Channels.streams(1, MANY));
    JsonObject categories = Api.post("/api/accounts/" + account + "/sync?only=categories").json();
    assertEquals("ok", categories.getString("status"), categories::toString);
    provider.serve(Channels.categories(5), Channels.streams(1, MANY));
    JsonObject held = Api.post("/api/accounts/" + account + "/sync").json();
    assertEquals("suspicious", held.getString("status"), held::toString);
    assertEquals(0, storedChannels());
    assertEquals(50, Db.number("SELECT COUNT(*) FROM categories WHERE account_id = ?", account));
  }

  @Test
  void aFirstSyncThatTheSafetyGateHoldsBackLeavesNoChannel() {
    provider.behave(Behaviour.EMPTY_LISTS).serve(Channels.categories(5), Channels.streams(1, 10));
    JsonObject held = Api.post("/api/accounts/" + account + "/sync").json();
    assertEquals("suspicious", held.getString("status"), held::toString);
    assertEquals(0, storedChannels());
  }

  @Test
  void aCancelledFirstSyncLeavesNoChannelAndShowsItsPhaseWhileRunning() throws Exception {
    provider.behave(Behaviour.SLOW).serve(Channels.categories(5), Channels.streams(1, 6000));
    Api.post("/api/accounts/" + account + "/sync?async=true");
    await(
        "the first sync reads channels, and says so from the database",
        () ->
            Db.number(
                    "SELECT COUNT(*) FROM sync_runs WHERE account_id = ?"
                        + " AND status = 'running' AND phase = 'fetching_channels'",
                    account)
                == 1);
    assertEquals(200, Api.delete("/api/accounts/" + account + "/sync").status());
    await("the sync stops", () -> !status().getBoolean("running"));
    assertEquals("cancelled", status().getJsonObject("last_run").getString("status"));
    assertEquals(0, storedChannels());
  }

  @Test
  void anAccountIsNotDeletedWhileItsSyncRunsAndIsOnceTheSyncIsCancelled() throws Exception {
    provider.behave(Behaviour.SLOW).serve(Channels.categories(5), Channels.streams(1, 3000));
    Api.post("/api/accounts/" + account + "/sync?async=true");
    await("the first sync runs", () -> status().getBoolean("running"));
    Api.Reply refused = Api.delete("/api/accounts/" + account);
    assertEquals(409, refused.status(), refused::toString);
    assertTrue(refused.isProblem());
    assertTrue(refused.json().getString("detail").contains("/sync"), refused::toString);

    assertEquals(200, Api.delete("/api/accounts/" + account + "/sync").status());
    await("the sync stops", () -> !status().getBoolean("running"));
    Api.Reply deleted = Api.delete("/api/accounts/" + account);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals(0, storedChannels(), "no channel outlives its account");
  }
}
