package dev.lineup.sync.control;

import dev.lineup.platform.TsvFile;
import dev.lineup.provider.control.ProviderChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Moves one fetch's new, changed and returning channels into the staging table while the fetch goes
 * on (those the database holds unchanged are dropped first, see {@link StoredChannels}): the thread
 * reading the provider names them and writes rows to chunk files of {@link #CHUNK_ROWS}; the thread
 * owning the sync's connection loads each finished chunk with LOAD DATA LOCAL INFILE (the fastest
 * way into MariaDB from inside Liberty, whose pooled statements disable the driver's bulk
 * protocol). Parsing and loading thus overlap on two cores, and at most two chunks wait on disk:
 * memory stays flat.
 */
final class ChannelStaging implements AutoCloseable {
  /**
   * Rows per chunk. 5,000 (the database starts sooner) measured slower than 20,000 on this
   * project's machine: 1.9-2.7 s instead of 1.6-2.1 s loading 100,000 channels.
   */
  static final int CHUNK_ROWS = 20_000;

  private static final Object END = new Object();

  private record Failure(Throwable cause) {}

  private final Connection connection;
  private final long accountId;
  private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
  private final List<TsvFile> files = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile int received;
  private TsvFile file;

  private final StoredChannels stored;
  private final Function<ProviderChannel, String> namer;
  private final Target target;

  /**
   * Where chunks go: the staging table, or (a first sync) {@code channels} itself with the columns
   * a new row gets ({@code set}: trusted text of this class and {@link SyncSession}).
   */
  record Target(String table, String set) {
    static final Target STAGING = new Target("sync_stage_channels", null);

    /** Into {@code channels}, first and last seen at the session's {@code @lineup_sync_now}. */
    static Target channels(long accountId) {
      return new Target(
          "channels",
          "account_id = "
              + accountId
              + ", first_seen = @lineup_sync_now, last_seen = @lineup_sync_now, is_active = TRUE");
    }
  }

  /**
   * @param stored the account's channels before this fetch: those listed unchanged are not staged
   * @param namer computes the cleaned name of a channel to stage
   */
  ChannelStaging(
      Connection connection,
      long accountId,
      StoredChannels stored,
      Function<ProviderChannel, String> namer,
      Target target) {
    this.connection = connection;
    this.accountId = accountId;
    this.stored = stored;
    this.namer = namer;
    this.target = target;
  }

  /** Whether the chunks go straight into {@code channels} (a first sync). */
  boolean direct() {
    return target != Target.STAGING;
  }

  /**
   * Reader thread: adds a listed channel, staged unless it is stored unchanged or listed twice;
   * true after every {@code every} channels.
   */
  boolean add(ProviderChannel c, int every) {
    long fingerprint = c.fingerprint();
    if (stored.check(c.streamId(), fingerprint) == StoredChannels.Verdict.STAGE) {
      stage(c, fingerprint);
    }
    return ++received % every == 0;
  }

  private void stage(ProviderChannel c, long fingerprint) {
    if (file == null) {
      file = new TsvFile("sync-" + accountId);
      files.add(file);
    }
    file.field(c.streamId())
        .field(c.num())
        .field(c.name())
        .field(c.categoryId())
        .field(c.streamType())
        .field(c.streamIcon())
        .field(c.epgChannelId())
        .field(c.added())
        .field(c.customSid())
        .field(c.tvArchive())
        .field(c.tvArchiveDuration())
        .field(c.directSource())
        .field(c.streamUrl())
        .field(c.extras())
        .field(fingerprint)
        .field(namer.apply(c))
        .endRow();
    if (file.rows() == CHUNK_ROWS) {
      handOff();
    }
  }

  /** Reader thread: the fetch is complete. */
  void finish() {
    if (file != null) {
      handOff();
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

  private long loadMs;

  /** Milliseconds the loading thread spent in LOAD DATA (the rest it waited for the reader). */
  long loadMs() {
    return loadMs;
  }

  private void handOff() {
    TsvFile full = file;
    file = null;
    put(full);
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
        loadMs = loadNanos / 1_000_000;
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
      staged += load((TsvFile) item);
      loadNanos += System.nanoTime() - start;
    }
  }

  /**
   * A stream id listed twice keeps its first entry (IGNORE on the staging key, or on channels'
   * (account, stream id) key). Loading into {@code channels} skips the foreign key check, which
   * would lock the account's row until the commit (the account's edits would wait for the fetch);
   * the merge checks the account is still there before it commits.
   */
  private int load(TsvFile chunk) throws SQLException {
    try (chunk) {
      if (!direct()) {
        return chunk.loadInto(connection, target.table(), SyncSession.CHANNEL_COLUMNS);
      }
      try (Statement checks = connection.createStatement()) {
        checks.execute("SET SESSION foreign_key_checks = 0");
        try {
          return chunk.loadInto(
              connection, target.table(), SyncSession.CHANNEL_COLUMNS, target.set());
        } finally {
          try {
            checks.execute("SET SESSION foreign_key_checks = 1");
          } catch (SQLException e) {
            // the load's own failure matters more; the session resets it before release anyway
          }
        }
      }
    } finally {
      files.remove(chunk);
    }
  }

  /** Stops a reader waiting to hand off and deletes every chunk left. */
  @Override
  public void close() {
    closed = true;
    ready.clear();
    for (TsvFile chunk : files) {
      chunk.close();
    }
  }
}
