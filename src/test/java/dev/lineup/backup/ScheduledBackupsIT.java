package dev.lineup.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scheduled backups on the test server (the pom: BACKUP_DIR target/it-backups, every 36 s, two
 * kept, sealed with a passphrase): files appear on their own, the oldest go, each is a whole sealed
 * backup that restores, and the Backup page lists them.
 */
class ScheduledBackupsIT {
  static final Path DIR = Path.of("target", "it-backups");

  static List<Path> files() throws IOException {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(DIR)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void backupsAreWrittenOnTheirScheduleSealedAndOnlyTheNewestAreKept() throws Exception {
    Set<String> seen = new TreeSet<>();
    long deadline = System.nanoTime() + 150_000_000_000L;
    while (seen.size() < 3 && System.nanoTime() < deadline) {
      List<Path> now = files();
      assertTrue(now.size() <= 2, "BACKUP_KEEP=2 keeps two: " + now);
      now.forEach(p -> seen.add(p.getFileName().toString()));
      Thread.sleep(2_000);
    }
    assertTrue(seen.size() >= 3, "three backups written within 150 s: " + seen);
    List<Path> kept = files();
    assertTrue(kept.size() == 2, "the oldest went: " + kept);

    String text = Files.readString(kept.get(1));
    JsonObject backup;
    try (var reader = Json.createReader(new StringReader(text))) {
      backup = reader.readObject();
    }
    assertEquals("lineup-backup/1", backup.getString("format"));
    assertTrue(
        backup.getJsonObject("secrets").getBoolean("included"), "sealed with BACKUP_PASSPHRASE");
    Reply dry =
        Api.send(
            Api.request("/api/backup?dry_run=true")
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("X-Backup-Passphrase", "scheduled-passphrase")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    assertEquals(200, dry.status(), dry::toString);

    Reply page = Api.get("/backup", "text/html");
    assertEquals(200, page.status());
    String newest = files().get(files().size() - 1).getFileName().toString();
    assertTrue(
        page.body().contains(newest) || page.body().contains("lineup-backup-"),
        "the page lists the backups");
    assertTrue(page.body().contains("sealed with BACKUP_PASSPHRASE"), "and says they are sealed");
  }
}
