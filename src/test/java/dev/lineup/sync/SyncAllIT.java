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
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class SyncAllIT {

  @Test
  void syncAllSyncsEveryEnabledAccountAndIsolatesFailures() {
    try (FakeProvider healthy = FakeProvider.start();
        FakeProvider broken = FakeProvider.start();
        FakeProvider disabled = FakeProvider.start()) {
      healthy.serve(Channels.categories(2), Channels.streams(1, 20));
      broken.behave(Behaviour.HTML);
      long good = Accounts.create("All good", healthy);
      long bad = Accounts.create("All broken", broken);
      long off = Accounts.create("All disabled", disabled);
      Api.patch("/api/accounts/" + off, "{\"enabled\": false}");

      Reply reply = Api.post("/api/sync/all");
      assertEquals(200, reply.status(), reply::toString);
      JsonObject answer = reply.json();
      assertFalse(answer.getBoolean("success"), "one account failed");
      JsonObject goodResult = result(answer, good);
      JsonObject badResult = result(answer, bad);
      assertEquals("ok", goodResult.getString("status"));
      assertEquals(20, goodResult.getInt("channels_added"));
      assertEquals("failed", badResult.getString("status"));
      assertTrue(answer.getInt("accounts_synced") >= 1);
      assertTrue(
          answer.getJsonArray("results").stream()
              .noneMatch(r -> r.asJsonObject().getJsonNumber("account_id").longValue() == off),
          "disabled accounts are skipped");
      // Not the disabled provider's request count: "sync all" also syncs the accounts other tests
      // left behind, and one of them may point at a port this provider was given again.
      assertEquals(
          0, Db.number("SELECT COUNT(*) FROM sync_runs WHERE account_id = ?", off), "never synced");
    }
  }

  private static JsonObject result(JsonObject answer, long account) {
    for (JsonValue r : answer.getJsonArray("results")) {
      if (r.asJsonObject().getJsonNumber("account_id").longValue() == account) {
        return r.asJsonObject();
      }
    }
    throw new AssertionError("no result for account " + account + " in " + answer);
  }
}
