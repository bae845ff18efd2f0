package dev.lineup.sync.control;

import dev.lineup.provider.control.ProviderChannel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Moves one fetch's channels into the staging table while the fetch goes on: the thread reading the
 * provider writes rows to chunk files of {@link #CHUNK_ROWS}; the thread owning the sync's
 * connection loads each finished chunk with LOAD DATA LOCAL INFILE (the fastest way into MariaDB
 * from inside Liberty, whose pooled statements disable the driver's bulk protocol). Parsing and
 * loading thus overlap on two cores, and at most two chunks wait on disk: memory stays flat.
 */
final class ChannelStaging implements AutoCloseable {
  static final int CHUNK_ROWS = 20_000;
  private static final Logger LOG = Logger.getLogger(ChannelStaging.class.getName());
  private static final Object END = new Object();

  private record Failure(Throwable cause) {}

  private final Connection connection;
  private final long accountId;
  private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
  private final List<Path> files = new CopyOnWriteArrayList<>();
  private final StringBuilder row = new StringBuilder(512);
  private volatile boolean closed;
  private volatile int received;
  private Path file;
  private Writer writer;
  private int rowsInFile;

  ChannelStaging(Connection connection, long accountId) {
    this.connection = connection;
    this.accountId = accountId;
  }

  /** Reader thread: adds a channel; true after every {@code every} channels. */
  boolean add(ProviderChannel c, int every) {
    try {
      if (writer == null) {
        file = Files.createTempFile("lineup-sync-" + accountId + "-", ".tsv");
        files.add(file);
        writer =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16);
      }
      row.setLength(0);
      field(c.streamId()).append('\t');
      field(c.num()).append('\t');
      field(c.name()).append('\t');
      field(c.categoryId()).append('\t');
      field(c.streamType()).append('\t');
      field(c.streamIcon()).append('\t');
      field(c.epgChannelId()).append('\t');
      field(c.added()).append('\t');
      field(c.customSid()).append('\t');
      field(c.tvArchive() ? 1 : 0).append('\t');
      field(c.tvArchiveDuration()).append('\t');
      field(c.directSource()).append('\t');
      field(c.streamUrl()).append('\t');
      field(c.extras()).append('\t');
      field(c.fingerprint()).append('\n');
      writer.append(row); // one call per row: the writer locks on every call
      if (++rowsInFile == CHUNK_ROWS) {
        handOff();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the staging file", e);
    }
    return ++received % every == 0;
  }

  /** Reader thread: the fetch is complete. */
  void finish() {
    try {
      if (writer != null) {
        handOff();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the staging file", e);
    }
    put(END);
  }

  /** Reader thread: the fetch failed; the loading thread rethrows {@code cause}. */
  void fail(Throwable cause) {
    put(new Failure(cause));
  }

  int received() {
    return received;
  }

  private void handOff() throws IOException {
    writer.close();
    writer = null;
    rowsInFile = 0;
    put(file);
  }

  private void put(Object item) {
    try {
      while (!closed && !ready.offer(item, 1, TimeUnit.SECONDS)) {
        // the loading thread is busy with the previous chunk
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Loading thread (the one owning the connection): loads chunks as they come until the fetch ends;
   * returns the rows staged. Rethrows the fetch's failure.
   */
  int loadAll() throws SQLException {
    int staged = 0;
    long loadNanos = 0;
    while (true) {
      Object item;
      try {
        item = ready.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("Interrupted while staging channels", e);
      }
      if (item == END) {
        long ms = loadNanos / 1_000_000;
        int rows = staged;
        LOG.fine(() -> "Loaded " + rows + " channels into staging in " + ms + " ms");
        return staged;
      }
      if (item instanceof Failure failure) {
        Throwable cause = failure.cause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new SQLException("Staging failed", cause);
      }
      long start = System.nanoTime();
      staged += load((Path) item);
      loadNanos += System.nanoTime() - start;
    }
  }

  /** A stream id listed twice keeps its first entry (IGNORE on the staging key). */
  private int load(Path chunk) throws SQLException {
    String path = chunk.toAbsolutePath().toString().replace("\\", "/").replace("'", "''");
    try (Statement load = connection.createStatement()) {
      return load.executeUpdate(
          "LOAD DATA LOCAL INFILE '"
              + path
              + "' IGNORE INTO TABLE sync_stage_channels CHARACTER SET utf8mb4"
              + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
              + SyncSession.CHANNEL_COLUMNS
              + ")");
    } finally {
      delete(chunk);
    }
  }

  /** A value in LOAD DATA's default text format: \N for null, backslash escapes. */
  private StringBuilder field(Object value) {
    if (value == null) {
      return row.append("\\N");
    }
    String text = value.toString();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> row.append("\\\\");
        case '\t' -> row.append("\\t");
        case '\n' -> row.append("\\n");
        case '\r' -> row.append("\\r");
        case '\0' -> row.append("\\0");
        default -> row.append(ch);
      }
    }
    return row;
  }

  private void delete(Path chunk) {
    try {
      Files.deleteIfExists(chunk);
    } catch (IOException e) {
      LOG.warning("Could not delete the staging file " + chunk);
    }
    files.remove(chunk);
  }

  /** Stops a reader waiting to hand off and deletes every chunk left. */
  @Override
  public void close() {
    closed = true;
    ready.clear();
    try {
      if (writer != null) {
        writer.close();
      }
    } catch (IOException ignored) {
      // the file is deleted next
    }
    for (Path chunk : files) {
      delete(chunk);
    }
  }
}
