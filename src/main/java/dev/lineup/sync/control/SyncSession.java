package dev.lineup.sync.control;

import dev.lineup.platform.AccountLock;
import dev.lineup.platform.Sql;
import dev.lineup.platform.TsvFile;
import dev.lineup.provider.control.ProviderCategory;
import dev.lineup.provider.control.ProviderChannel;
import dev.lineup.sync.entity.SyncRun.Changes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One account's sync on a connection of its own, with plain JDBC (the hot path: JPA would load
 * every row).
 *
 * <ul>
 *   <li>A MariaDB named lock ({@code GET_LOCK}) makes the sync exclusive across every server that
 *       shares the database; it dies with the connection, so a crashed server cannot leave it held.
 *   <li>The provider's lists are streamed into temporary staging tables (channels through a
 *       temporary file and LOAD DATA LOCAL INFILE, categories in multi-row INSERTs); the visible
 *       tables are not touched while the provider is being read.
 *   <li>{@link #apply} then merges the staging tables into {@code categories} and {@code channels}
 *       with set-based statements in one transaction: all or nothing.
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
   * Empties the channel staging (a retried fetch starts again) and returns the staging that the
   * next fetch fills.
   */
  ChannelStaging newChannelStaging() throws SQLException {
    channelDiff = null;
    channelsStaged = 0;
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM sync_stage_channels");
    }
    return new ChannelStaging(connection, accountId, namer);
  }

  /**
   * Computes the cleaned names of the staged channels that are new or changed (unchanged ones keep
   * theirs; tag processing updates names when rules change): reads them back from staging, runs
   * them through the rules, and loads the names next to them. Nothing to do on an unchanged
   * re-sync.
   */
  void stageCleanedNames(BinaryOperator<String> cleaning, UnaryOperator<String> categoryName)
      throws SQLException {
    ChannelDiff diff = channelDiff();
    if (namer != null || diff.added() + diff.changed() == 0) {
      return; // named while reading, or nothing to name
    }
    long start = System.nanoTime();
    try (TsvFile names = new TsvFile("names-" + accountId)) {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT s.stream_id, s.name, s.category_id FROM sync_stage_channels s"
                  + " LEFT JOIN channels c ON c.account_id = ? AND c.stream_id = s.stream_id"
                  + " WHERE c.id IS NULL OR c.fingerprint <> s.fingerprint")) {
        query.setFetchSize(1000); // streamed; the file is written as rows come
        query.setLong(1, accountId);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            String category = rs.getString(3);
            String cleaned =
                cleaning.apply(
                    rs.getString(2), category == null ? null : categoryName.apply(category));
            names.field(rs.getString(1)).field(cleaned).endRow();
          }
        }
      }
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP TEMPORARY TABLE IF EXISTS sync_stage_names");
        ddl.execute(
            "CREATE TEMPORARY TABLE sync_stage_names (stream_id VARCHAR(191) COLLATE utf8mb4_bin"
                + " NOT NULL PRIMARY KEY,"
                + " cleaned_name VARCHAR(512) NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                + " COLLATE=utf8mb4_unicode_ci");
      }
      names.loadInto(connection, "sync_stage_names", "stream_id, cleaned_name");
      update(
          "UPDATE sync_stage_channels s JOIN sync_stage_names n ON n.stream_id = s.stream_id"
              + " SET s.cleaned_name = n.cleaned_name");
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP TEMPORARY TABLE IF EXISTS sync_stage_names");
      }
    }
    LOG.fine(() -> "Cleaned names computed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  private Function<ProviderChannel, String> namer;

  /** Cleaned names are computed by {@code namer} on the reading thread (a first sync). */
  void nameWhileReading(Function<ProviderChannel, String> namer) {
    this.namer = namer;
  }

  boolean hasChannels() throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM channels WHERE account_id = ? LIMIT 1")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The account's stored category names by provider id (a channels-only sync needs them). */
  Map<String, String> storedCategoryNames() throws SQLException {
    Map<String, String> names = new HashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT category_id, name FROM categories WHERE account_id = ?")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return names;
  }

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

  int channelsStaged() {
    return channelsStaged;
  }

  int categoriesStaged() {
    return categoriesStaged;
  }

  /**
   * What merging the staged channels would do, found in one pass over the staging table (instead of
   * one pass per statement): new, changed and returning channels, and how many active ones the list
   * still has. Statements with nothing to do are then skipped: an unchanged re-sync costs this one
   * read.
   */
  record ChannelDiff(
      int added, int changed, int returning, int stillActive, int active, boolean firstSync) {
    int missing() {
      return active - stillActive;
    }
  }

  private ChannelDiff channelDiff;

  ChannelDiff channelDiff() throws SQLException {
    if (channelDiff != null) {
      return channelDiff;
    }
    long start = System.nanoTime();
    if (!hasChannels()) {
      // A first sync: every staged channel is new; no need to look each one up.
      try (PreparedStatement query =
              connection.prepareStatement("SELECT COUNT(*) FROM sync_stage_channels");
          ResultSet rs = query.executeQuery()) {
        rs.next();
        channelDiff = new ChannelDiff(rs.getInt(1), 0, 0, 0, 0, true);
        return channelDiff;
      }
    }
    int[] counts = new int[5];
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COALESCE(SUM(c.id IS NULL), 0),"
                + " COALESCE(SUM(c.id IS NOT NULL AND c.fingerprint <> s.fingerprint), 0),"
                + " COALESCE(SUM(c.id IS NOT NULL AND NOT c.is_active), 0),"
                + " COALESCE(SUM(c.id IS NOT NULL AND c.is_active), 0),"
                + " (SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active)"
                + " FROM sync_stage_channels s"
                + " LEFT JOIN channels c ON c.account_id = ? AND c.stream_id = s.stream_id")) {
      query.setLong(1, accountId);
      query.setLong(2, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        for (int i = 0; i < counts.length; i++) {
          counts[i] = rs.getInt(i + 1);
        }
      }
    }
    channelDiff = new ChannelDiff(counts[0], counts[1], counts[2], counts[3], counts[4], false);
    LOG.fine(
        () -> "Diff " + channelDiff + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return channelDiff;
  }

  /** The staged channels against the stored ones, for the {@link SafetyGate}. */
  SafetyGate.Figures channelFigures() throws SQLException {
    ChannelDiff diff = channelDiff();
    return new SafetyGate.Figures(channelsStaged, diff.active(), diff.missing());
  }

  /** The staged categories against the stored ones, for the {@link SafetyGate}. */
  SafetyGate.Figures categoryFigures() throws SQLException {
    return figures("categories", "sync_stage_categories", "category_id", categoriesStaged);
  }

  private SafetyGate.Figures figures(String table, String stage, String key, int fetched)
      throws SQLException {
    String sql =
        "SELECT COUNT(*), COUNT(*) - COUNT(s."
            + key
            + ") FROM "
            + table
            + " t LEFT JOIN "
            + stage
            + " s ON s."
            + key
            + " = t."
            + key
            + " WHERE t.account_id = ? AND t.is_active";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new SafetyGate.Figures(fetched, rs.getInt(1), rs.getInt(2));
      }
    }
  }

  /** What {@link #apply} changed. */
  record Applied(Changes categories, Changes channels) {}

  /**
   * Merges the staged lists into the visible tables in one transaction: adds the new rows, rewrites
   * the changed ones, reactivates the returning ones and deactivates the missing ones.
   */
  Applied apply(boolean categories, boolean channels, int categoriesFetched, int channelsFetched)
      throws SQLException {
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
    connection.setAutoCommit(false);
    try {
      Changes categoryChanges = categories ? applyCategories(now, categoriesFetched) : Changes.NONE;
      Changes channelChanges = channels ? applyChannels(now, channelsFetched) : Changes.NONE;
      connection.commit();
      return new Applied(categoryChanges, channelChanges);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private Changes applyCategories(Timestamp now, int fetched) throws SQLException {
    int added =
        update(
            "INSERT INTO categories (account_id, category_id, name, first_seen, last_seen, is_active)"
                + " SELECT ?, s.category_id, s.name, ?, ?, TRUE FROM sync_stage_categories s"
                + " WHERE NOT EXISTS (SELECT 1 FROM categories c"
                + "  WHERE c.account_id = ? AND c.category_id = s.category_id)",
            accountId,
            now,
            now,
            accountId);
    int reactivated =
        update(
            "UPDATE categories c JOIN sync_stage_categories s ON s.category_id = c.category_id"
                + " SET c.is_active = TRUE, c.last_seen = ? WHERE c.account_id = ? AND NOT c.is_active",
            now,
            accountId);
    int updated =
        update(
            "UPDATE categories c JOIN sync_stage_categories s ON s.category_id = c.category_id"
                + " SET c.name = s.name, c.last_seen = ?"
                + " WHERE c.account_id = ? AND BINARY c.name <> BINARY s.name",
            now,
            accountId);
    int deactivated =
        update(
            "UPDATE categories c LEFT JOIN sync_stage_categories s ON s.category_id = c.category_id"
                + " SET c.is_active = FALSE, c.last_seen = ?"
                + " WHERE c.account_id = ? AND c.is_active AND s.category_id IS NULL",
            now,
            accountId);
    return new Changes(fetched, added, updated, reactivated, deactivated);
  }

  private Changes applyChannels(Timestamp now, int fetched) throws SQLException {
    ChannelDiff diff = channelDiff();
    int added =
        diff.added() == 0
            ? 0
            : update(
                "INSERT INTO channels (account_id, "
                    + CHANNEL_COLUMNS
                    + ", first_seen, last_seen, is_active) SELECT ?, "
                    + prefixed("s.", CHANNEL_COLUMNS)
                    + ", ?, ?, TRUE FROM sync_stage_channels s"
                    + (diff.firstSync()
                        ? " WHERE ? > 0" // nothing stored yet: every staged row is new
                        : " WHERE NOT EXISTS (SELECT 1 FROM channels c"
                            + "  WHERE c.account_id = ? AND c.stream_id = s.stream_id)"),
                accountId,
                now,
                now,
                accountId);
    int reactivated =
        diff.returning() == 0
            ? 0
            : update(
                "UPDATE channels c JOIN sync_stage_channels s ON s.stream_id = c.stream_id"
                    + " SET c.is_active = TRUE, c.last_seen = ? WHERE c.account_id = ? AND NOT c.is_active",
                now,
                accountId);
    int updated =
        diff.changed() == 0
            ? 0
            : update(
                "UPDATE channels c JOIN sync_stage_channels s ON s.stream_id = c.stream_id SET "
                    + assignments(CHANNEL_COLUMNS.replace("stream_id, ", ""))
                    + ", c.last_seen = ? WHERE c.account_id = ? AND c.fingerprint <> s.fingerprint",
                now,
                accountId);
    int deactivated =
        diff.missing() == 0
            ? 0
            : update(
                "UPDATE channels c LEFT JOIN sync_stage_channels s ON s.stream_id = c.stream_id"
                    + " SET c.is_active = FALSE, c.last_seen = ?"
                    + " WHERE c.account_id = ? AND c.is_active AND s.stream_id IS NULL",
                now,
                accountId);
    return new Changes(fetched, added, updated, reactivated, deactivated);
  }

  private int update(String sql, Object... params) throws SQLException {
    return Sql.update(LOG, connection, sql, params);
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }

  private static String assignments(String columns) {
    StringBuilder sql = new StringBuilder();
    for (String column : columns.split(",\\s*")) {
      if (sql.length() > 0) {
        sql.append(", ");
      }
      sql.append("c.").append(column).append(" = s.").append(column);
    }
    return sql.toString();
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
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "DROP TEMPORARY TABLE IF EXISTS sync_stage_channels, sync_stage_categories");
        if (locked) {
          AccountLock.release(connection, accountId);
        }
      }
    } catch (SQLException e) {
      // The connection is broken: the server drops its temporary tables and lock with it.
    }
  }
}
