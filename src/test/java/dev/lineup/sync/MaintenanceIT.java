package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class MaintenanceIT {

  @Test
  void optimizePurgesLongInactiveChannelsAndAnalyzesTheTables() {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Maintenance", provider);
      provider.serve(Channels.categories(2), Channels.streams(1, 100));
      SyncIT.sync(account, "");
      provider.serve(Channels.categories(2), Channels.streams(1, 40));
      SyncIT.sync(account, "?force=true");
      assertEquals(
          60,
          Db.number(
              "SELECT COUNT(*) FROM channels WHERE account_id = ? AND NOT is_active", account));

      Reply kept = Api.post("/api/maintenance/optimize");
      assertEquals(200, kept.status(), kept::toString);
      assertEquals(
          60,
          Db.number(
              "SELECT COUNT(*) FROM channels WHERE account_id = ? AND NOT is_active", account),
          "inactive for less than 30 days: kept");

      // OPTIMIZE TABLE rebuilds every table the whole suite filled (full-text index too): on a
      // busy 2-core machine that has taken over a minute, so this request may take five.
      Reply purged =
          Api.send(
              Api.request("/api/maintenance/optimize?purge_inactive_days=0&optimize=true")
                  .timeout(java.time.Duration.ofMinutes(5))
                  .header("Accept", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, purged.status(), purged::toString);
      JsonObject report = purged.json();
      assertTrue(report.getBoolean("success"));
      assertTrue(report.getInt("channels_purged") >= 60, report::toString);
      assertTrue(report.getJsonArray("analyzed").toString().contains("channels"));
      assertTrue(report.getJsonArray("optimized").toString().contains("channels"));
      assertEquals(
          0,
          Db.number(
              "SELECT COUNT(*) FROM channels WHERE account_id = ? AND NOT is_active", account));
      assertEquals(
          40,
          Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active", account),
          "active channels untouched");
    }
  }

  @Test
  void badMaintenanceParametersAreBadRequests() {
    assertEquals(400, Api.post("/api/maintenance/optimize?purge_inactive_days=-1").status());
    assertEquals(400, Api.post("/api/maintenance/optimize?optimize=perhaps").status());
  }

  @Test
  void syncsArePublishedAsMetrics() {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Metrics", provider);
      provider.serve(Channels.categories(1), Channels.streams(1, 5));
      SyncIT.sync(account, "");
      String metrics = Api.get("/metrics?scope=application", "text/plain").body();
      assertTrue(metrics.contains("lineup_sync_runs_total{account=\"" + account + "\""), metrics);
      assertTrue(metrics.contains("lineup_sync_duration"), metrics);
      assertTrue(
          metrics.contains("lineup_sync_channels_fetched_total{account=\"" + account + "\""),
          metrics);
    }
  }
}
