package dev.lineup.sync.control;

import dev.lineup.platform.AccountLock;
import dev.lineup.provider.control.ProviderCategory;
import dev.lineup.provider.control.ProviderChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One account's sync on a connection of its own, with plain JDBC (the hot path: JPA would load
 * every row).
 *
 * <ul>
 *   <li>The account's lease ({@link AccountLock}) makes the sync exclusive across every server that
 *       shares the database; bound to this connection, it dies with it, so a crashed server cannot
 *       leave it held.
 *   <li>The provider's lists are streamed into temporary staging tables (channels through a
 *       temporary file and LOAD DATA LOCAL INFILE, categories in multi-row INSERTs), except the
 *       channels listed unchanged ({@link StoredChannels}) and those of a first sync, which go
 *       straight into {@code channels} inside a transaction nobody sees until the merge commits.
 *   <li>{@link LineupMerge} then merges the staging tables into {@code categories} and {@code
 *       channels} with set-based statements in one transaction: all or nothing.
 * </ul>
 */
final class SyncSession implements AutoCloseable {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(SyncSession.class.getName());
  static final int BATCH_SIZE = 1000;

  /** The columns a provider fills (staged from the fetched lists). */
  static final String PROVIDER_COLUMNS =
      "stream_id, num, name, category_id, stream_type, stream_icon, epg_channel_id, added,"
          + " custom_sid, tv_archive, tv_archive_duration, direct_source, stream_url, extras,"
          + " fingerprint";

  /** The columns a sync writes: the provider's, and the cleaned name computed by the rules. */
  static final String CHANNEL_COLUMNS = PROVIDER_COLUMNS + ", cleaned_name";

  private final Connection connection;
  private final long accountId;
  private boolean locked;
  private final List<ProviderCategory> categoryBatch = new ArrayList<>();
  private int channelsStaged;
  private int categoriesStaged;

  private SyncSession(Connection connection, long accountId) {
    this.connection = connection;
    this.accountId = accountId;
  }

  /** Opens a session holding the account's sync lock, or empty when another sync holds it. */
  static Optional<SyncSession> open(DataSource dataSource, long accountId) throws SQLException {
    Connection connection = dataSource.getConnection();
    SyncSession session = new SyncSession(connection, accountId);
    try {
      connection.setAutoCommit(true);
      session.locked = AccountLock.tryAcquire(connection, accountId);
      if (!session.locked) {
        connection.close();
        return Optional.empty();
      }
      session.createStaging();
      return Optional.of(session);
    } catch (SQLException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  Connection connection() {
    return connection;
  }

  /**
   * Keeps the guide URL the account's M3U playlist names in its header (null: none), already
   * encrypted by the caller: it may carry the provider's credentials.
   */
  void providerGuide(String url) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE accounts SET provider_epg_url = ? WHERE id = ? AND NOT provider_epg_url <=> ?")) {
      update.setString(1, url);
      update.setLong(2, accountId);
      update.setString(3, url);
      update.executeUpdate();
    }
  }

  private void createStaging() throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TEMPORARY TABLE IF EXISTS sync_stage_channels, sync_stage_categories");
      ddl.execute(
          "CREATE TEMPORARY TABLE sync_stage_categories ("
              + " category_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,"
              + " name VARCHAR(512) NOT NULL"
              + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
      ddl.execute(
          "CREATE TEMPORARY TABLE sync_stage_channels ("
              + " stream_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,"
              + " num INT NULL, name VARCHAR(512) NOT NULL,"
              + " category_id VARCHAR(191) COLLATE utf8mb4_bin NULL,"
              + " stream_type VARCHAR(32) NULL, stream_icon VARCHAR(2048) NULL,"
              + " epg_channel_id VARCHAR(255) COLLATE utf8mb4_bin NULL, added BIGINT NULL,"
              + " custom_sid VARCHAR(255) NULL,"
              + " tv_archive BOOLEAN NOT NULL, tv_archive_duration INT NULL,"
              + " direct_source VARCHAR(2048) NULL, stream_url VARCHAR(2048) NULL, extras TEXT NULL,"
              + " fingerprint BIGINT NOT NULL, cleaned_name VARCHAR(512) NULL"
              + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    }
  }

  /**
   * Empties the channel staging (a retried fetch starts again: what the failed one wrote is rolled
   * back) and returns the staging that the next fetch fills.
   *
   * <p>A first sync (nothing stored for the account) loads its chunks straight into {@code
   * channels} instead, inside one transaction opened here and committed by the merge, so that
   * writing the channels overlaps reading the provider; until that commit nobody sees them, and any
   * failure, cancel or doubt rolls them back ({@link #discardUncommitted}).
   */
  ChannelStaging newChannelStaging() throws SQLException {
    merge = null; // its diff was of the previous staging
    channelsStaged = 0;
    if (channelsSavepoint != null) {
      connection.rollback(channelsSavepoint);
      channelsSavepoint = null;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM sync_stage_channels");
    }
    long start = System.nanoTime();
    stored = StoredChannels.load(connection, accountId);
    storedReadMs = (System.nanoTime() - start) / 1_000_000;
    ChannelStaging.Target target = ChannelStaging.Target.STAGING;
    if (stored.size() == 0) {
      connection.setAutoCommit(false);
      channelsSavepoint = connection.setSavepoint();
      try (PreparedStatement now = connection.prepareStatement("SET @lineup_sync_now = ?")) {
        now.setTimestamp(1, LineupMerge.now());
        now.execute();
      }
      target = ChannelStaging.Target.channels(accountId);
    }
    staging = new ChannelStaging(connection, accountId, stored, namer, target);
    return staging;
  }

  private Savepoint channelsSavepoint;

  /** Whether this sync's channels went straight into {@code channels} (a first sync). */
  boolean channelsLoadedDirectly() {
    return staging != null && staging.direct();
  }

  /**
   * Rolls back what the sync wrote without committing it (a first sync's channels, when the sync
   * failed, was cancelled or held back), before the run's outcome is recorded.
   */
  void discardUncommitted() throws SQLException {
    channelsSavepoint = null;
    if (!connection.getAutoCommit()) {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private long storedReadMs;
  private ChannelStaging staging;

  /** What the channel staging did, for the sync's step log. */
  String stagingSummary() {
    if (staging == null) {
      return "no channels fetched";
    }
    return String.format(
        java.util.Locale.ROOT,
        "stored channels read in %d ms, %d staged and %d unchanged, loading %d ms",
        storedReadMs,
        channelsStaged,
        stored.unchanged(),
        staging.loadMs());
  }

  private Function<ProviderChannel, String> namer;

  private StoredChannels stored;

  /**
   * The cleaned names of new and changed channels are computed by {@code namer} on the reading
   * thread, as they are staged (unchanged ones keep theirs; tag processing updates names when rules
   * change).
   */
  void nameWhileReading(Function<ProviderChannel, String> namer) {
    this.namer = namer;
  }

  /** The rows the staging loaded: new, changed and returning channels. */
  void channelsStaged(int count) {
    channelsStaged = count;
  }

  void resetCategories() throws SQLException {
    categoryBatch.clear();
    categoriesStaged = 0;
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM sync_stage_categories");
    }
  }

  void stage(ProviderCategory category) throws SQLException {
    categoryBatch.add(category);
    if (categoryBatch.size() >= BATCH_SIZE) {
      flushCategories();
    }
  }

  void flushCategories() throws SQLException {
    if (categoryBatch.isEmpty()) {
      return;
    }
    // A provider listing one id twice: the first entry wins (INSERT IGNORE on the key).
    String sql =
        "INSERT IGNORE INTO sync_stage_categories (category_id, name) VALUES "
            + placeholders(categoryBatch.size(), 2);
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      int i = 1;
      for (ProviderCategory category : categoryBatch) {
        insert.setString(i++, category.categoryId());
        insert.setString(i++, category.name());
      }
      categoriesStaged += insert.executeUpdate();
    }
    categoryBatch.clear();
  }

  /** The distinct channels the fetch listed: those staged and those stored unchanged. */
  int channelsFetched() {
    return channelsStaged + (stored == null ? 0 : stored.unchanged());
  }

  int categoriesStaged() {
    return categoriesStaged;
  }

  private LineupMerge merge;

  /** The merge of the staged lists into the visible tables, on this session's connection. */
  LineupMerge merge() {
    if (merge == null) {
      merge =
          new LineupMerge(connection, accountId, stored, channelsLoadedDirectly(), channelsStaged);
    }
    return merge;
  }

  /** The staged channels against the stored ones, for the {@link SafetyGate}. */
  SafetyGate.Figures channelFigures() throws SQLException {
    return merge().channelFigures(channelsFetched());
  }

  /** The staged categories against the stored ones, for the {@link SafetyGate}. */
  SafetyGate.Figures categoryFigures() throws SQLException {
    return merge().categoryFigures(categoriesStaged);
  }

  private static String placeholders(int rows, int columns) {
    String row = "(" + "?,".repeat(columns - 1) + "?)";
    StringBuilder sql = new StringBuilder(rows * (row.length() + 1));
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sql.append(',');
      }
      sql.append(row);
    }
    return sql.toString();
  }

  /** Drops the staging tables and releases the lock before the connection goes back to the pool. */
  @Override
  public void close() {
    try (connection) {
      discardUncommitted();
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "DROP TEMPORARY TABLE IF EXISTS sync_stage_channels, sync_stage_categories");
        // What a first sync set on the session must not follow the connection into the pool.
        statement.execute("SET SESSION foreign_key_checks = DEFAULT, @lineup_sync_now = NULL");
        if (locked) {
          AccountLock.release(connection, accountId);
        }
      }
    } catch (SQLException e) {
      // The connection is broken: the server drops its temporary tables and lock with it.
    }
  }
}
