package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Channels;
import dev.lineup.support.FakeProvider;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;

/**
 * The test server checks the schedule every 2 s with the global interval off (see pom.xml), so only
 * accounts with their own interval sync by themselves.
 */
class SyncScheduleIT {

  @Test
  void anAccountWithAnIntervalIsSyncedBySchedule() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serve(Channels.categories(2), Channels.streams(1, 10));
      long account = Accounts.create("Scheduled", provider);
      long unscheduled = Accounts.create("Unscheduled", provider);
      Api.patch("/api/accounts/" + account, "{\"sync_interval_hours\": 1}");

      SyncConcurrencyIT.await(
          "the schedule syncs the account",
          () -> !Api.get("/api/accounts/" + account + "/sync/history").array().isEmpty());
      JsonArray history = Api.get("/api/accounts/" + account + "/sync/history").array();
      assertEquals("schedule", history.getJsonObject(0).getString("trigger"));
      SyncConcurrencyIT.await(
          "the scheduled run ends",
          () -> !Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running"));
      assertEquals(
          "ok",
          Api.get("/api/accounts/" + account + "/sync/status")
              .json()
              .getJsonObject("last_run")
              .getString("status"));

      Thread.sleep(4000);
      assertEquals(
          1,
          Api.get("/api/accounts/" + account + "/sync/history").array().size(),
          "not synced again before its interval");
      assertEquals(
          0,
          Api.get("/api/accounts/" + unscheduled + "/sync/history").array().size(),
          "no interval, no scheduled sync");
    }
  }
}
