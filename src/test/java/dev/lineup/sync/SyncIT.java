package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sync through HTTP against the fake provider: counts, soft delete, safety gate, failures. */
class SyncIT {
  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    account = Accounts.create("Sync", provider);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static JsonObject sync(long account, String query) {
    Reply reply = Api.post("/api/accounts/" + account + "/sync" + query);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  JsonObject sync() {
    return sync(account, "");
  }

  JsonObject status() {
    Reply reply = Api.get("/api/accounts/" + account + "/sync/status");
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  long activeChannels() {
    return Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active", account);
  }

  @Test
  void firstSyncOfARealCaptureStoresEveryCategoryAndChannel() {
    JsonObject stats = sync();
    assertTrue(stats.getBoolean("success"), stats::toString);
    assertEquals("ok", stats.getString("status"));
    assertEquals(29, stats.getInt("categories_fetched"));
    assertEquals(29, stats.getInt("categories_added"));
    assertEquals(2607, stats.getInt("channels_fetched"));
    assertEquals(2607, stats.getInt("channels_added"));
    assertEquals(0, stats.getInt("channels_updated"));
    assertEquals(0, stats.getInt("channels_deactivated"));
    assertTrue(stats.getJsonNumber("run_id").longValue() > 0);
    assertTrue(stats.getJsonArray("errors").isEmpty());

    JsonObject status = status();
    assertTrue(status.getBoolean("synced"));
    assertTrue(status.getString("last_sync").endsWith("Z"));
    assertEquals(2607, status.getInt("channel_count"));
    assertEquals(29, status.getInt("category_count"));
    assertEquals(0, status.getInt("inactive_channels"));
    assertFalse(status.getBoolean("running"));
    assertEquals("ok", status.getJsonObject("last_run").getString("status"));
    assertEquals(2607, activeChannels());
  }

  @Test
  void unsyncedAccountSaysSoInItsStatus() {
    JsonObject status = status();
    assertFalse(status.getBoolean("synced"));
    assertTrue(status.isNull("last_sync"));
    assertEquals(0, status.getInt("channel_count"));
    assertTrue(status.isNull("last_run"));
  }

  @Test
  void resyncWithoutChangesWritesNothing() {
    sync();
    Object lastSeen =
        Db.column("SELECT MAX(last_seen) FROM channels WHERE account_id = ?", account).get(0);
    JsonObject again = sync();
    assertEquals("ok", again.getString("status"));
    assertEquals(2607, again.getInt("channels_fetched"));
    assertEquals(0, again.getInt("channels_added"));
    assertEquals(0, again.getInt("channels_updated"));
    assertEquals(0, again.getInt("channels_reactivated"));
    assertEquals(0, again.getInt("channels_deactivated"));
    assertEquals(0, again.getInt("categories_added") + again.getInt("categories_updated"));
    assertEquals(
        lastSeen,
        Db.column("SELECT MAX(last_seen) FROM channels WHERE account_id = ?", account).get(0),
        "unchanged rows are not rewritten");
  }

  @Test
  void realChangesAreCountedMissingChannelsDeactivatedAndReturningOnesKeepTheirId() {
    provider.serve(Channels.categories(5), Channels.streams(1, 100));
    sync();
    List<Object> idsBefore =
        Db.column(
            "SELECT id FROM channels WHERE account_id = ? AND stream_id BETWEEN '91' AND '99' ORDER BY stream_id",
            account);

    // 1..5 renamed, 91..100 gone, 101..110 new; 6..90 re-sent unchanged.
    String changed =
        Channels.streams(1, 110, 5, id -> id <= 5 ? "Renamed " + id : "US: Channel " + id + " HD")
            .replaceAll("\\{[^{}]*\"stream_id\":(9[1-9]|100),[^{}]*\\},?", "");
    provider.serve(Channels.categories(5), changed);
    JsonObject second = sync();
    assertEquals("ok", second.getString("status"), second::toString);
    assertEquals(100, second.getInt("channels_fetched"));
    assertEquals(10, second.getInt("channels_added"));
    assertEquals(5, second.getInt("channels_updated"));
    assertEquals(10, second.getInt("channels_deactivated"));
    assertEquals(0, second.getInt("channels_reactivated"));
    assertEquals(100, activeChannels());
    assertEquals(
        "Renamed 3",
        Db.column("SELECT name FROM channels WHERE account_id = ? AND stream_id = '3'", account)
            .get(0));

    provider.serve(Channels.categories(5), Channels.streams(1, 110));
    JsonObject third = sync();
    assertEquals(10, third.getInt("channels_reactivated"));
    assertEquals(5, third.getInt("channels_updated"), "1..5 got their old names back");
    assertEquals(0, third.getInt("channels_added"));
    assertEquals(110, activeChannels());
    assertEquals(
        idsBefore,
        Db.column(
            "SELECT id FROM channels WHERE account_id = ? AND stream_id BETWEEN '91' AND '99' ORDER BY stream_id",
            account),
        "reactivated channels keep their id");
  }

  @Test
  void categoriesAreRenamedDeactivatedAndReactivated() {
    provider.serve(Channels.categories(4), Channels.streams(1, 40, 4, id -> "C" + id));
    sync();
    provider.serve(
        Channels.categories(3).replace("US| Category 2", "US| Category Two"),
        Channels.streams(1, 40, 4, id -> "C" + id));
    JsonObject second = sync();
    assertEquals(1, second.getInt("categories_updated"), second::toString);
    assertEquals(1, second.getInt("categories_deactivated"));
    provider.serve(Channels.categories(4), Channels.streams(1, 40, 4, id -> "C" + id));
    assertEquals(1, sync().getInt("categories_reactivated"));
  }

  @Test
  void losingMostChannelsIsHeldBackUntilForced() {
    provider.serve(Channels.categories(5), Channels.streams(1, 100));
    sync();
    provider.serve(Channels.categories(5), Channels.streams(1, 30));
    JsonObject held = sync();
    assertFalse(held.getBoolean("success"));
    assertEquals("suspicious", held.getString("status"));
    assertTrue(held.getString("message").contains("70 of 100"), held::toString);
    assertEquals(0, held.getInt("channels_deactivated"));
    assertEquals(100, activeChannels(), "nothing deactivated");
    assertEquals("suspicious", status().getJsonObject("last_run").getString("status"));

    JsonObject forced = sync(account, "?force=true");
    assertEquals("ok", forced.getString("status"), forced::toString);
    assertTrue(forced.getBoolean("forced"));
    assertEquals(70, forced.getInt("channels_deactivated"));
    assertEquals(30, activeChannels());
  }

  @Test
  void aStreamIdListedTwiceKeepsItsFirstEntryOnAFirstSyncAndOnEveryResync() {
    String first = "[{\"stream_id\":\"7\",\"name\":\"First\",\"category_id\":\"1\"},";
    String second = "{\"stream_id\":\"7\",\"name\":\"Second\",\"category_id\":\"1\"},";
    String other = "{\"stream_id\":\"8\",\"name\":\"Other\",\"category_id\":\"1\"}]";
    provider.serve(Channels.categories(1), first + second + other);
    JsonObject initial = sync();
    assertEquals(2, initial.getInt("channels_fetched"), initial::toString);
    assertEquals(2, initial.getInt("channels_added"));
    assertEquals(List.of("First"), namesOf("7"));

    // Re-sent unchanged with a different repeat: the first entry still wins, nothing changes.
    provider.serve(Channels.categories(1), first + second.replace("Second", "Third") + other);
    JsonObject again = sync();
    assertEquals(2, again.getInt("channels_fetched"), again::toString);
    assertEquals(0, again.getInt("channels_updated"));
    assertEquals(List.of("First"), namesOf("7"));

    // The first entry changed: it wins over the repeat that matches what is stored.
    provider.serve(
        Channels.categories(1),
        first.replace("First", "Renamed") + second.replace("Second", "First") + other);
    JsonObject renamed = sync();
    assertEquals(1, renamed.getInt("channels_updated"), renamed::toString);
    assertEquals(List.of("Renamed"), namesOf("7"));
  }

  @Test
  void aForcedSyncDeactivatesThousandsOfMissingChannelsAndKeepsTheRest() {
    provider.serve(Channels.categories(5), Channels.streams(1, 3000));
    sync();
    provider.serve(Channels.categories(5), Channels.streams(1, 1400));
    JsonObject forced = sync(account, "?force=true");
    assertEquals("ok", forced.getString("status"), forced::toString);
    assertEquals(1600, forced.getInt("channels_deactivated"));
    assertEquals(1400, activeChannels());
    assertEquals(
        0,
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active"
                + " AND CAST(stream_id AS UNSIGNED) > 1400",
            account));
  }

  private List<Object> namesOf(String streamId) {
    return Db.column(
        "SELECT name FROM channels WHERE account_id = ? AND stream_id = ?", account, streamId);
  }

  @Test
  void emptyListIsNeverTakenAsAnEmptyLineup() {
    sync();
    provider.behave(Behaviour.EMPTY_LISTS);
    JsonObject held = sync();
    assertEquals("suspicious", held.getString("status"), held::toString);
    assertTrue(held.getString("message").contains("no channels"));
    assertEquals(2607, activeChannels());
    assertEquals(29, status().getInt("category_count"));
  }

  @Test
  void everyKindOfProviderFailureLeavesTheLineupIntact() {
    sync();
    for (Behaviour failure :
        List.of(
            Behaviour.AUTH_REJECTED,
            Behaviour.HTML,
            Behaviour.SERVER_ERROR,
            Behaviour.HANG,
            Behaviour.TRUNCATED,
            Behaviour.WRONG_SHAPE)) {
      provider.behave(failure);
      JsonObject run = sync();
      assertEquals("failed", run.getString("status"), failure + ": " + run);
      assertFalse(run.getBoolean("success"));
      assertEquals(1, run.getJsonArray("errors").size(), failure + ": " + run);
      assertFalse(run.toString().contains(provider.password()), "no password in errors");
      assertEquals(2607, activeChannels(), failure + " changed the lineup");
      assertEquals(29, status().getInt("category_count"));
    }
    provider.behave(Behaviour.HEALTHY);
    JsonObject recovered = sync();
    assertEquals("ok", recovered.getString("status"));
    assertEquals(0, recovered.getInt("channels_added") + recovered.getInt("channels_deactivated"));
    JsonObject status = status();
    assertTrue(status.getBoolean("synced"));
  }

  @Test
  void aTransientProviderErrorIsRetried() {
    provider.behave(Behaviour.FAIL_ONCE);
    JsonObject run = sync();
    assertEquals("ok", run.getString("status"), run::toString);
    assertEquals(2607, run.getInt("channels_added"));
  }

  @Test
  void onlyCategoriesSyncsTheCategoriesAlone() {
    JsonObject run = sync(account, "?only=categories");
    assertEquals("ok", run.getString("status"));
    assertEquals("categories", run.getString("scope"));
    assertEquals(29, run.getInt("categories_added"));
    assertEquals(0, run.getInt("channels_fetched"));
    assertEquals(0, activeChannels());
  }

  @Test
  void historyListsRunsNewestFirst() {
    sync();
    provider.behave(Behaviour.HTML);
    sync();
    Reply history = Api.get("/api/accounts/" + account + "/sync/history?limit=5");
    assertEquals(200, history.status(), history::toString);
    assertEquals(2, history.array().size());
    assertEquals("failed", history.array().getJsonObject(0).getString("status"));
    assertEquals("ok", history.array().getJsonObject(1).getString("status"));
    assertEquals("manual", history.array().getJsonObject(1).getString("trigger"));
  }

  @Test
  void badParametersAreBadRequestProblems() {
    for (Reply reply :
        List.of(
            Api.post("/api/accounts/" + account + "/sync?force=maybe"),
            Api.post("/api/accounts/" + account + "/sync?only=vod"),
            Api.get("/api/accounts/" + account + "/sync/history?limit=0"),
            Api.get("/api/accounts/" + account + "/sync/history?limit=ten"))) {
      assertEquals(400, reply.status(), reply::toString);
      assertTrue(reply.isProblem());
    }
  }

  @Test
  void unknownAccountsAreNotFound() {
    assertEquals(404, Api.post("/api/accounts/987654321/sync").status());
    assertEquals(404, Api.get("/api/accounts/987654321/sync/status").status());
    assertEquals(404, Api.get("/api/accounts/987654321/sync/history").status());
  }

  @Test
  void deletingAnAccountDeletesItsChannelsCategoriesAndRuns() {
    sync();
    assertEquals(200, Api.delete("/api/accounts/" + account).status());
    assertEquals(0, Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ?", account));
    assertEquals(0, Db.number("SELECT COUNT(*) FROM categories WHERE account_id = ?", account));
    assertEquals(0, Db.number("SELECT COUNT(*) FROM sync_runs WHERE account_id = ?", account));
  }

  @Test
  void streamAndCategoryIdsThatDifferOnlyInCaseAreDifferentChannelsAndCategories() {
    provider.serve(
        "[{\"category_id\":\"news\",\"category_name\":\"lower\"},"
            + "{\"category_id\":\"NEWS\",\"category_name\":\"upper\"}]",
        "[{\"stream_id\":\"ab1\",\"name\":\"lower\",\"category_id\":\"news\"},"
            + "{\"stream_id\":\"AB1\",\"name\":\"upper\",\"category_id\":\"NEWS\"}]");
    JsonObject first = sync();
    assertTrue(first.getBoolean("success"), first.toString());
    assertEquals(2, activeChannels());
    assertEquals(
        List.of("ab1 lower lower", "AB1 upper upper"),
        Db.column(
            "SELECT CONCAT(c.stream_id, ' ', c.name, ' ', cat.name) FROM channels c"
                + " JOIN categories cat ON cat.account_id = c.account_id"
                + " AND cat.category_id = c.category_id WHERE c.account_id = ? ORDER BY c.name",
            account));
    JsonObject again = sync();
    assertEquals(0, again.getInt("channels_added"), again.toString());
    assertEquals(0, again.getInt("channels_updated"), again.toString());
  }
}
