package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Landed migrations stay as they are: Flyway refuses to start on a database whose applied migration
 * no longer matches its file. {@code src/test/resources/db/landed-migrations.txt} lists each landed
 * migration with the SHA-256 of its text; an edit of one fails here, and a new one must be listed.
 */
class MigrationsTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path LANDED = Path.of("src/test/resources/db/landed-migrations.txt");

  static String hash(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Map<String, String> landed() throws IOException {
    Map<String, String> landed = new TreeMap<>();
    for (String line : Files.readAllLines(LANDED, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.strip().split("\\s+");
        landed.put(parts[0], parts[1]);
      }
    }
    return landed;
  }

  @Test
  void noLandedMigrationIsEditedAndEveryMigrationIsListed() throws Exception {
    Map<String, String> landed = landed();
    assertTrue(landed.size() >= 14, "the list holds the landed migrations: " + landed.keySet());
    Map<String, String> present = new TreeMap<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
        present.put(file.getFileName().toString(), hash(file));
      }
    }
    for (Map.Entry<String, String> migration : landed.entrySet()) {
      assertTrue(
          present.containsKey(migration.getKey()),
          migration.getKey() + " has landed: it may not be removed or renamed");
      assertEquals(
          migration.getValue(),
          present.get(migration.getKey()),
          migration.getKey()
              + " has landed and was edited: undo the edit and put the change in a new migration");
    }
    for (Map.Entry<String, String> migration : present.entrySet()) {
      assertTrue(
          landed.containsKey(migration.getKey()),
          "new migration "
              + migration.getKey()
              + ": add \""
              + migration.getKey()
              + " "
              + migration.getValue()
              + "\" to "
              + LANDED
              + " with the change that adds it");
    }
  }
}
