package dev.lineup.sync.control;

import dev.lineup.provider.control.ProviderCategory;
import dev.lineup.provider.control.ProviderChannel;
import dev.lineup.sync.entity.SyncRun.Changes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One account's sync on a connection of its own, with plain JDBC (the hot path: JPA would load
 * every row).
 *
 * <ul>
 *   <li>A MariaDB named lock ({@code GET_LOCK}) makes the sync exclusive across every server that
 *       shares the database; it dies with the connection, so a crashed server cannot leave it held.
 *   <li>The provider's lists are streamed into temporary staging tables in multi-row INSERTs; the
 *       visible tables are not touched while the provider is being read.
 *   <li>{@link #apply} then merges the staging tables into {@code categories} and {@code channels}
 *       with set-based statements in one transaction: all or nothing.
 * </ul>
 */
final class SyncSession implements AutoCloseable {
  static final int BATCH_SIZE = 1000;
  private static final String CHANNEL_COLUMNS =
      "stream_id, num, name, category_id, stream_type, stream_icon, epg_channel_id, added,"
          + " custom_sid, tv_archive, tv_archive_duration, direct_source, stream_url, extras,"
          + " fingerprint";
  private static final int CHANNEL_PARAMS = 15;

  private final Connection connection;
  private final long accountId;
  private final String lockName;
  private boolean locked;
  private final List<ProviderChannel> channelBatch = new ArrayList<>(BATCH_SIZE);
  private final List<ProviderCategory> categoryBatch = new ArrayList<>();
  private int channelsStaged;
  private int categoriesStaged;

  private SyncSession(Connection connection, long accountId) {
    this.connection = connection;
    this.accountId = accountId;
    this.lockName = lockName(accountId);
  }

  static String lockName(long accountId) {
    return "lineup.sync." + accountId;
  }

  /** Opens a session holding the account's sync lock, or empty when another sync holds it. */
  static Optional<SyncSession> open(DataSource dataSource, long accountId) throws SQLException {
    Connection connection = dataSource.getConnection();
    SyncSession session = new SyncSession(connection, accountId);
    try {
      connection.setAutoCommit(true);
      try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
        lock.setString(1, session.lockName);
        try (ResultSet rs = lock.executeQuery()) {
          session.locked = rs.next() && rs.getInt(1) == 1;
        }
      }
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

  private void createStaging() throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TEMPORARY TABLE IF EXISTS sync_stage_channels, sync_stage_categories");
      ddl.execute(
          "CREATE TEMPORARY TABLE sync_stage_categories ("
              + " category_id VARCHAR(191) NOT NULL PRIMARY KEY,"
              + " name VARCHAR(512) NOT NULL"
              + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
      ddl.execute(
          "CREATE TEMPORARY TABLE sync_stage_channels ("
              + " stream_id VARCHAR(191) NOT NULL PRIMARY KEY,"
              + " num INT NULL, name VARCHAR(512) NOT NULL, category_id VARCHAR(191) NULL,"
              + " stream_type VARCHAR(32) NULL, stream_icon VARCHAR(2048) NULL,"
              + " epg_channel_id VARCHAR(255) NULL, added BIGINT NULL, custom_sid VARCHAR(255) NULL,"
              + " tv_archive BOOLEAN NOT NULL, tv_archive_duration INT NULL,"
              + " direct_source VARCHAR(2048) NULL, stream_url VARCHAR(2048) NULL, extras TEXT NULL,"
              + " fingerprint BIGINT NOT NULL"
              + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    }
  }

  /** Empties the staging tables, e.g. before a retried fetch starts again. */
  void resetChannels() throws SQLException {
    channelBatch.clear();
    channelsStaged = 0;
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM sync_stage_channels");
    }
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

  /** Adds a channel to the staging table; returns true when a batch was written. */
  boolean stage(ProviderChannel channel) throws SQLException {
    channelBatch.add(channel);
    if (channelBatch.size() >= BATCH_SIZE) {
      flushChannels();
      return true;
    }
    return false;
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

  void flushChannels() throws SQLException {
    if (channelBatch.isEmpty()) {
      return;
    }
    String sql =
        "INSERT IGNORE INTO sync_stage_channels ("
            + CHANNEL_COLUMNS
            + ") VALUES "
            + placeholders(channelBatch.size(), CHANNEL_PARAMS);
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      int i = 1;
      for (ProviderChannel c : channelBatch) {
        insert.setString(i++, c.streamId());
        setInt(insert, i++, c.num());
        insert.setString(i++, c.name());
        insert.setString(i++, c.categoryId());
        insert.setString(i++, c.streamType());
        insert.setString(i++, c.streamIcon());
        insert.setString(i++, c.epgChannelId());
        if (c.added() == null) {
          insert.setNull(i++, Types.BIGINT);
        } else {
          insert.setLong(i++, c.added());
        }
        insert.setString(i++, c.customSid());
        insert.setBoolean(i++, c.tvArchive());
        setInt(insert, i++, c.tvArchiveDuration());
        insert.setString(i++, c.directSource());
        insert.setString(i++, c.streamUrl());
        insert.setString(i++, c.extras());
        insert.setLong(i++, c.fingerprint());
      }
      channelsStaged += insert.executeUpdate();
    }
    channelBatch.clear();
  }

  int channelsStaged() {
    return channelsStaged;
  }

  int categoriesStaged() {
    return categoriesStaged;
  }

  /** Active channels now, and how many of them the staged list no longer has. */
  record Loss(int active, int missing) {
    double share() {
      return active == 0 ? 0 : (double) missing / active;
    }
  }

  Loss channelLoss() throws SQLException {
    return loss("channels", "sync_stage_channels", "stream_id");
  }

  Loss categoryLoss() throws SQLException {
    return loss("categories", "sync_stage_categories", "category_id");
  }

  private Loss loss(String table, String stage, String key) throws SQLException {
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
        return new Loss(rs.getInt(1), rs.getInt(2));
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
    int added =
        update(
            "INSERT INTO channels (account_id, "
                + CHANNEL_COLUMNS
                + ", first_seen, last_seen, is_active) SELECT ?, "
                + prefixed("s.", CHANNEL_COLUMNS)
                + ", ?, ?, TRUE FROM sync_stage_channels s"
                + " WHERE NOT EXISTS (SELECT 1 FROM channels c"
                + "  WHERE c.account_id = ? AND c.stream_id = s.stream_id)",
            accountId,
            now,
            now,
            accountId);
    int reactivated =
        update(
            "UPDATE channels c JOIN sync_stage_channels s ON s.stream_id = c.stream_id"
                + " SET c.is_active = TRUE, c.last_seen = ? WHERE c.account_id = ? AND NOT c.is_active",
            now,
            accountId);
    int updated =
        update(
            "UPDATE channels c JOIN sync_stage_channels s ON s.stream_id = c.stream_id SET "
                + assignments(CHANNEL_COLUMNS.replace("stream_id, ", ""))
                + ", c.last_seen = ? WHERE c.account_id = ? AND c.fingerprint <> s.fingerprint",
            now,
            accountId);
    int deactivated =
        update(
            "UPDATE channels c LEFT JOIN sync_stage_channels s ON s.stream_id = c.stream_id"
                + " SET c.is_active = FALSE, c.last_seen = ?"
                + " WHERE c.account_id = ? AND c.is_active AND s.stream_id IS NULL",
            now,
            accountId);
    return new Changes(fetched, added, updated, reactivated, deactivated);
  }

  private int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    }
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

  private static void setInt(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  /** Drops the staging tables and releases the lock before the connection goes back to the pool. */
  @Override
  public void close() {
    try (connection) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "DROP TEMPORARY TABLE IF EXISTS sync_stage_channels, sync_stage_categories");
        if (locked) {
          statement.execute("DO RELEASE_LOCK('" + lockName + "')");
        }
      }
    } catch (SQLException e) {
      // The connection is broken: the server drops its temporary tables and lock with it.
    }
  }
}
