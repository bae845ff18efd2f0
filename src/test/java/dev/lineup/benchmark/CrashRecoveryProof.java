package dev.lineup.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.Node;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's crash proof, run by {@code ./mvnw -Pbenchmark verify -Dit.test=CrashRecoveryProof} (it
 * kills the test server, so it is not part of the normal suite): while a sync of 100,000 channels
 * has its write transaction open — seen in {@code information_schema.INNODB_TRX} on the connection
 * holding the account's lock, with a channel row locked by it — the server is killed with SIGKILL.
 * The database then holds either none or all of that sync's changes, never a part; after a restart
 * the account is not stuck as "running", the killed run is recorded as interrupted, and the next
 * sync completes.
 */
class CrashRecoveryProof {
  private static final Path SERVER = Path.of("target", "liberty", "wlp", "bin", "server");
  private static final String NAME = "lineup-it";

  @Test
  void aServerKilledMidSyncLeavesNoHalfWrittenLineupAndSyncsAgainAfterARestart() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      String lineup = PlaylistBenchmark.streams();
      provider.serve(SyntheticLineup.categories(50), lineup);
      long account = Accounts.create("Crash", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      long channels = renamed(account, "Bench");
      assertEquals(100_000, channels);

      // Every channel renamed: the next sync rewrites all 100,000 rows in one transaction.
      provider.serve(
          SyntheticLineup.categories(50), lineup.replace("Bench Channel", "Moved Channel"));
      long pid = serverPid();
      long firstRow = Db.number("SELECT MIN(id) FROM channels WHERE account_id = ?", account);
      Reply started = Api.post("/api/accounts/" + account + "/sync?async=true&force=true");
      assertEquals(202, started.status(), started.toString());
      try (Connection probe = Db.connect()) {
        OpenWrite open = awaitOpenWrite(probe, account, firstRow);
        Node.Result kill =
            Node.run(Path.of("."), List.of("kill", "-9", Long.toString(pid)), Map.of(), 30);
        assertEquals(0, kill.status(), kill.output());
        System.out.println(
            "Killed the server (pid "
                + pid
                + ") while the sync's write transaction was open: "
                + open);
        awaitRolledBack(probe, open.trxId());
      }

      long moved = renamed(account, "Moved");
      long kept = renamed(account, "Bench");
      System.out.println("After the kill: " + kept + " old names, " + moved + " new names");
      assertTrue(
          (moved == 0 && kept == 100_000) || (moved == 100_000 && kept == 0),
          "all or nothing, never a part: " + kept + " old, " + moved + " new");

      Node.Result start =
          Node.run(Path.of("."), List.of(SERVER.toString(), "start", NAME), Map.of(), 180);
      assertEquals(0, start.status(), start.output());
      awaitReady();
      JsonObject status = Api.get("/api/accounts/" + account + "/sync/status").json();
      assertTrue(
          !status.getBoolean("running"), "the killed sync does not hold the account: " + status);

      JsonObject again = Api.post("/api/accounts/" + account + "/sync?force=true").json();
      assertEquals("ok", again.getString("status"), again.toString());
      assertEquals(100_000, renamed(account, "Moved"), "the next sync completes the change");
      JsonObject killed =
          Api.get("/api/accounts/" + account + "/sync/history?limit=2").array().getJsonObject(1);
      assertEquals("failed", killed.getString("status"), killed.toString());
      assertTrue(killed.getString("message").startsWith("Interrupted"), killed.toString());
      System.out.println(
          "After the restart: the killed run is '"
              + killed.getString("message")
              + "', and the next sync wrote "
              + again.getInt("channels_updated")
              + " changes in "
              + again.getJsonNumber("duration_ms")
              + " ms");
      Api.delete("/api/accounts/" + account);
    }
  }

  private static long renamed(long account, String word) {
    return Db.number(
        "SELECT COUNT(*) FROM channels WHERE account_id = ? AND name LIKE ?",
        account,
        "%" + word + " Channel%");
  }

  /** The sync's write transaction as information_schema.INNODB_TRX showed it. */
  record OpenWrite(String trxId, long thread, long rowsModified, long rowsLocked, String query) {}

  /**
   * Waits until the sync's connection (the one holding the account's lock) has a transaction in
   * {@code information_schema.INNODB_TRX} that has modified rows, and a channel row of the account
   * is locked by it: a locking read of that row with NOWAIT is refused. Then the write transaction
   * is open, with changes not committed.
   */
  private static OpenWrite awaitOpenWrite(Connection probe, long account, long channelRow)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    OpenWrite seen = null;
    String probed = "never";
    String others = "none";
    int polls = 0;
    try (PreparedStatement trx =
            probe.prepareStatement(
                "SELECT t.trx_id, t.trx_mysql_thread_id, t.trx_rows_modified, t.trx_rows_locked,"
                    + " COALESCE(LEFT(t.trx_query, 80), '') FROM information_schema.INNODB_TRX t"
                    + " WHERE t.trx_mysql_thread_id = (SELECT connection_id FROM leases WHERE name = ?) AND t.trx_rows_modified > 0");
        PreparedStatement all =
            probe.prepareStatement(
                "SELECT GROUP_CONCAT(CONCAT(t.trx_mysql_thread_id, ':', t.trx_rows_modified, ':',"
                    + " COALESCE(LEFT(t.trx_query, 40), '')) SEPARATOR ' | '), (SELECT connection_id FROM leases WHERE name = ?)"
                    + " FROM information_schema.INNODB_TRX t");
        PreparedStatement lockRow =
            probe.prepareStatement(
                "SELECT id FROM channels WHERE id = ? LOCK IN SHARE MODE NOWAIT")) {
      trx.setString(1, "lineup.sync." + account);
      all.setString(1, "lineup.sync." + account);
      lockRow.setLong(1, channelRow);
      while (System.nanoTime() < deadline) {
        polls++;
        if (polls % 100 == 0
            && !Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running")) {
          break; // the sync ended without being seen writing
        }
        try (ResultSet rs = trx.executeQuery()) {
          if (rs.next()) {
            seen =
                new OpenWrite(
                    rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
            try (ResultSet row = lockRow.executeQuery()) {
              probed = "row " + channelRow + " not locked: " + row.next();
            } catch (SQLException locked) {
              if (locked.getErrorCode() == 1205 || locked.getErrorCode() == 3572) {
                return seen; // the row is held by an uncommitted change
              }
              throw locked;
            }
          }
        }
        try (ResultSet rs = all.executeQuery()) {
          if (rs.next() && rs.getString(1) != null) {
            others = rs.getString(1) + " (lock holder " + rs.getString(2) + ")";
          }
        }
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException(
        "The sync's write transaction was never seen open ("
            + polls
            + " polls; last seen on the lock holder: "
            + seen
            + "; last probe: "
            + probed
            + "; last transactions: "
            + others
            + "; the run: "
            + Api.get("/api/accounts/" + account + "/sync/history?limit=1").body()
            + ")");
  }

  /** Waits until MariaDB has rolled back the killed server's transaction. */
  private static void awaitRolledBack(Connection probe, String trxId)
      throws SQLException, InterruptedException {
    try (PreparedStatement trx =
        probe.prepareStatement("SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_id = ?")) {
      trx.setString(1, trxId);
      for (int i = 0; i < 600; i++) {
        try (ResultSet rs = trx.executeQuery()) {
          if (!rs.next()) {
            return;
          }
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Transaction " + trxId + " is still there 60 s after the kill");
  }

  private static long serverPid() throws Exception {
    Node.Result status =
        Node.run(Path.of("."), List.of(SERVER.toString(), "status", NAME), Map.of(), 60);
    Matcher pid = Pattern.compile("process ID (\\d+)").matcher(status.output());
    assertTrue(pid.find(), status.output());
    return Long.parseLong(pid.group(1));
  }

  private static void awaitReady() throws InterruptedException {
    for (int i = 0; i < 180; i++) {
      try {
        if (Api.get("/health/ready").status() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("The server did not come back");
  }
}
