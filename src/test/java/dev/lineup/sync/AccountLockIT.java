package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account's sync lock is a MariaDB named lock ({@code lineup.sync.<id>}): while another
 * connection holds it — another server syncing the account, or processing its tags — this server
 * neither syncs nor processes the account's tags. Both answer 409 problem+json, change nothing, and
 * work again once the lock is free.
 */
class AccountLockIT {
  @Test
  void aLockHeldByAnotherConnectionMakesSyncAndProcessTagsAnswer409() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serveCapture();
      long account = Accounts.create("Locked", provider);
      Reply first = Api.post("/api/accounts/" + account + "/sync");
      assertTrue(first.json().getBoolean("success"), first.toString());
      Api.post("/api/rulesets/create-default");
      String tagsOf = "(SELECT * FROM channel_tags WHERE account_id = " + account + ") t";
      String channelsOf = "(SELECT * FROM channels WHERE account_id = " + account + ") c";
      // Were a sync to run anyway, it would find a very different lineup.
      provider.serve("[]", "[]");

      try (Connection other = Db.connect()) {
        // Waits for the tagging that may follow the first sync in the background, and for the guide
        // matching (not under the lock: it writes its outcome and the copy onto the channels)
        assertTrue(lock(other, "SELECT GET_LOCK(?, 60)", account), "the test holds the lock");
        Accounts.awaitGuideMatching(account);
        String tags = Db.checksum(tagsOf);
        String channels = Db.checksum(channelsOf);
        provider.forgetRequests();
        for (String action : new String[] {"sync", "sync?force=true", "process-tags"}) {
          Reply refused = Api.post("/api/accounts/" + account + "/" + action);
          assertEquals(409, refused.status(), action + ": " + refused);
          assertTrue(refused.isProblem(), action + ": " + refused);
          assertFalse(refused.body().contains("Exception"), refused.body());
        }
        assertEquals(List.of(), provider.requests(), "the provider was not asked");
        assertEquals(tags, Db.checksum(tagsOf), "no tags written");
        assertEquals(channels, Db.checksum(channelsOf), "no channel written");
        assertTrue(lock(other, "SELECT RELEASE_LOCK(?)", account));
      }

      provider.serveCapture();
      Reply processed = Api.post("/api/accounts/" + account + "/process-tags");
      assertEquals(200, processed.status(), processed.toString());
      Reply synced = Api.post("/api/accounts/" + account + "/sync");
      assertEquals(200, synced.status(), synced.toString());
      assertEquals("ok", synced.json().getString("status"), synced.toString());
      Api.delete("/api/accounts/" + account);
    }
  }

  private static boolean lock(Connection connection, String sql, long account) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, "lineup.sync." + account);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }
}
