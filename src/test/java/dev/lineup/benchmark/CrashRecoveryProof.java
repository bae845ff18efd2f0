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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's crash proof, run by {@code ./mvnw -Pbenchmark verify -Dit.test=CrashRecoveryProof} (it
 * kills the test server, so it is not part of the normal suite): while a sync of 100,000 channels
 * is writing, the server is killed with SIGKILL. The database then holds either none or all of that
 * sync's changes, never a part; after a restart the account is not stuck as "running", the killed
 * run is recorded as interrupted, and the next sync completes.
 */
class CrashRecoveryProof {
  private static final Path SERVER = Path.of("target", "liberty", "wlp", "bin", "server");
  private static final String NAME = "lineup-it";

  @Test
  void aServerKilledMidSyncLeavesNoHalfWrittenLineupAndSyncsAgainAfterARestart() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      String lineup = PlaylistBenchmark.streams();
      provider.serve(SyncBenchmark.categories(50), lineup);
      long account = Accounts.create("Crash", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      long channels = renamed(account, "Bench");
      assertEquals(100_000, channels);

      // Every channel renamed: the next sync rewrites all 100,000 rows in one transaction.
      provider.serve(
          SyncBenchmark.categories(50), lineup.replace("Bench Channel", "Moved Channel"));
      Reply started = Api.post("/api/accounts/" + account + "/sync?async=true&force=true");
      assertEquals(202, started.status(), started.toString());
      String phase = awaitWriting(account);
      long pid = serverPid();
      Node.Result kill =
          Node.run(Path.of("."), List.of("kill", "-9", Long.toString(pid)), Map.of(), 30);
      assertEquals(0, kill.status(), kill.output());
      System.out.println(
          "Killed the server (pid " + pid + ") during the sync's " + phase + " phase");
      Thread.sleep(2000);

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

  /** Waits until the sync reports its writing phase (one transaction applies the changes). */
  private static String awaitWriting(long account) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      JsonObject status = Api.get("/api/accounts/" + account + "/sync/status").json();
      if (status.get("progress") instanceof JsonObject progress) {
        String phase = progress.getString("phase");
        if (phase.equals("writing")) {
          return phase;
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("The sync never reached its writing phase");
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
