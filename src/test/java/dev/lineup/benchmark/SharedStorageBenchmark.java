package dev.lineup.benchmark;

import dev.lineup.support.Db;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ADR 15's choice, measured: where servers share a stored guide. A 48 MB gzip guide (the size of a
 * large provider's week) is written and read back five times, once as a file replaced by a rename
 * in a folder (what {@code XmltvStore} does in {@code SHARED_DIR}), once as a row of the database
 * (a LONGBLOB, the alternative). Run by {@code ./mvnw -Pbenchmark verify
 * -Dit.test=SharedStorageBenchmark}; the table goes to target/benchmarks/shared-storage.md. Fails
 * when the folder is not the faster to write and to read.
 */
class SharedStorageBenchmark {
  private static final int MB = 48;
  private static final int ROUNDS = 5;

  @Test
  void sharedStorageBenchmark() throws Exception {
    byte[] guide = new byte[MB << 20];
    new Random(21).nextBytes(guide); // gzip output looks random
    Path dir = Files.createDirectories(Path.of("target/shared-storage-benchmark"));
    double[] file = new double[2];
    double[] row = new double[2];
    try (Connection connection = Db.connect()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP TABLE IF EXISTS benchmark_guides");
        ddl.execute(
            "CREATE TABLE benchmark_guides (name VARCHAR(64) PRIMARY KEY, body LONGBLOB NOT NULL)"
                + " ENGINE=InnoDB");
      }
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        Path temp = Files.createTempFile(dir, "guide-", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
          out.write(guide);
        }
        Files.move(temp, dir.resolve("guide.gz"), StandardCopyOption.ATOMIC_MOVE);
        file[0] += System.nanoTime() - start;
        start = System.nanoTime();
        try (InputStream in = Files.newInputStream(dir.resolve("guide.gz"))) {
          in.transferTo(OutputStream.nullOutputStream());
        }
        file[1] += System.nanoTime() - start;

        start = System.nanoTime();
        try (PreparedStatement write =
            connection.prepareStatement(
                "REPLACE INTO benchmark_guides (name, body) VALUES (?, ?)")) {
          write.setString(1, "guide");
          write.setBytes(2, guide);
          write.executeUpdate();
        }
        row[0] += System.nanoTime() - start;
        start = System.nanoTime();
        try (PreparedStatement read =
            connection.prepareStatement("SELECT body FROM benchmark_guides WHERE name = ?")) {
          read.setString(1, "guide");
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
            try (InputStream in = rs.getBinaryStream(1)) {
              in.transferTo(OutputStream.nullOutputStream());
            }
          }
        }
        row[1] += System.nanoTime() - start;
      }
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP TABLE benchmark_guides");
      }
    } finally {
      Files.deleteIfExists(dir.resolve("guide.gz"));
    }
    String report =
        String.format(
            Locale.ROOT,
            "A %d MB guide written (replaced whole) and read back, %d times each, on this machine's"
                + " disk and its embedded MariaDB 11.4.%n%n"
                + "| where | write (ms, mean) | write MB/s | read (ms, mean) | read MB/s |%n"
                + "|---|---:|---:|---:|---:|%n"
                + "| file in a folder, renamed into place | %.0f | %.0f | %.0f | %.0f |%n"
                + "| database row (LONGBLOB) | %.0f | %.0f | %.0f | %.0f |%n",
            MB,
            ROUNDS,
            ms(file[0]),
            MB / (ms(file[0]) / 1000),
            ms(file[1]),
            MB / (ms(file[1]) / 1000),
            ms(row[0]),
            MB / (ms(row[0]) / 1000),
            ms(row[1]),
            MB / (ms(row[1]) / 1000));
    new BenchmarkRun().finish("shared-storage.md", report);
    if (file[0] > row[0] || file[1] > row[1]) {
      throw new IllegalStateException("The folder is not the faster:\n" + report);
    }
  }

  private static double ms(double totalNanos) {
    return totalNanos / ROUNDS / 1e6;
  }
}
