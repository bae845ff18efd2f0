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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account's sync lock is a row of {@code leases} ({@code lineup.sync.<id>}): while another
 * server holds it — syncing the account, or processing its tags — this server neither syncs nor
 * processes the account's tags. Both answer 409 problem+json, change nothing, and work again once
 * the lease is given back, or at once when the connection it is bound to is gone, or once an
 * unbound lease has not been renewed for its lifetime.
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
        awaitLease(other, account);
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
      } // the connection the lease is bound to is gone: the lease is dead at once

      provider.serveCapture();
      Reply processed = Api.post("/api/accounts/" + account + "/process-tags");
      assertEquals(200, processed.status(), processed.toString());
      Reply synced = Api.post("/api/accounts/" + account + "/sync");
      assertEquals(200, synced.status(), synced.toString());
      assertEquals("ok", synced.json().getString("status"), synced.toString());
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void anUnboundLeaseOfAnotherServerHoldsUntilItExpires() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serveCapture();
      long account = Accounts.create("Leased elsewhere", provider);
      Db.update(
          "INSERT INTO leases (name, server_id, holder, server_name, db_node, acquired_at,"
              + " expires_at) VALUES (?, 'gone-server', 'gone-holder', 'gone', 'elsewhere:3306',"
              + " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 3 SECOND)",
          "lineup.sync." + account);
      Reply refused = Api.post("/api/accounts/" + account + "/sync");
      assertEquals(409, refused.status(), refused.toString());
      Thread.sleep(3_500); // not renewed by its server: dead
      Reply synced = Api.post("/api/accounts/" + account + "/sync");
      assertEquals("ok", synced.json().getString("status"), synced.toString());
      assertEquals(
          0L,
          Db.number("SELECT COUNT(*) FROM leases WHERE name = ?", "lineup.sync." + account),
          "the sync gave its lease back");
      Api.delete("/api/accounts/" + account);
    }
  }

  /** Takes the account's lease as another server would, bound to {@code connection}. */
  private static void awaitLease(Connection connection, long account) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT IGNORE INTO leases (name, server_id, holder, server_name, db_node,"
                  + " connection_id, acquired_at, expires_at) VALUES (?, 'test-server',"
                  + " CONCAT('test-', CONNECTION_ID()), 'test', CONCAT(@@hostname, ':', @@port),"
                  + " CONNECTION_ID(), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 10 MINUTE)")) {
        statement.setString(1, "lineup.sync." + account);
        if (statement.executeUpdate() == 1) {
          return; // bound to a live connection, never renewed: held until that connection goes
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the account's lease stayed taken");
  }
}
