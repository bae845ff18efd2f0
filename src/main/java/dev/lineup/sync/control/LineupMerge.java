package dev.lineup.sync.control;

import static dev.lineup.sync.control.SyncSession.CHANNEL_COLUMNS;

import dev.lineup.platform.Sql;
import dev.lineup.sync.entity.SyncRun.Changes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.PrimitiveIterator;
import java.util.logging.Logger;

/**
 * The second half of a sync: compares the staging tables of a {@link SyncSession} with the stored
 * lineup (for the {@link SafetyGate} and to skip what has nothing to do), then merges them into
 * {@code categories} and {@code channels} with set-based statements in one transaction.
 */
final class LineupMerge {
  private static final Logger LOG = Logger.getLogger(LineupMerge.class.getName());

  /** Row ids per statement when deactivating by id. */
  static final int ID_BATCH = 1000;

  private final Connection connection;
  private final long accountId;
  private final StoredChannels stored;
  private final boolean loadedDirectly;
  private final int loaded;

  /**
   * @param stored the account's channels before the fetch, marked with those it listed (null when
   *     the sync does not fetch channels)
   * @param loadedDirectly a first sync's channels are already in {@code channels}, uncommitted
   * @param loaded how many channels the fetch loaded (into staging or {@code channels})
   */
  LineupMerge(
      Connection connection,
      long accountId,
      StoredChannels stored,
      boolean loadedDirectly,
      int loaded) {
    this.connection = connection;
    this.accountId = accountId;
    this.stored = stored;
    this.loadedDirectly = loadedDirectly;
    this.loaded = loaded;
  }

  /** The time a sync writes, UTC. */
  static Timestamp now() {
    return Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
  }

  /**
   * What merging the staged channels would do, found in one pass over the staging table (instead of
   * one pass per statement): new, changed and returning channels; how many active ones the list
   * still has comes from the {@link StoredChannels}. Statements with nothing to do are then
   * skipped: an unchanged re-sync, which stages nothing, costs nothing here.
   */
  record ChannelDiff(int added, int changed, int returning, int stillActive, int active) {
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
    if (loadedDirectly) {
      channelDiff = new ChannelDiff(loaded, 0, 0, 0, 0); // a first sync: every channel is new
      return channelDiff;
    }
    int[] counts = new int[3];
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COALESCE(SUM(c.id IS NULL), 0),"
                + " COALESCE(SUM(c.id IS NOT NULL AND c.fingerprint <> s.fingerprint), 0),"
                + " COALESCE(SUM(c.id IS NOT NULL AND NOT c.is_active), 0)"
                + " FROM sync_stage_channels s"
                + " LEFT JOIN channels c ON c.account_id = ? AND c.stream_id = s.stream_id")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        for (int i = 0; i < counts.length; i++) {
          counts[i] = rs.getInt(i + 1);
        }
      }
    }
    int active = stored.active();
    channelDiff =
        new ChannelDiff(counts[0], counts[1], counts[2], active - stored.missing(), active);
    LOG.fine(
        () -> "Diff " + channelDiff + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return channelDiff;
  }

  /** The staged channels against the stored ones. */
  SafetyGate.Figures channelFigures(int fetched) throws SQLException {
    ChannelDiff diff = channelDiff();
    return new SafetyGate.Figures(fetched, diff.active(), diff.missing());
  }

  /** The staged categories against the stored ones. */
  SafetyGate.Figures categoryFigures(int fetched) throws SQLException {
    return figures("categories", "sync_stage_categories", "category_id", fetched);
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
    for (int attempt = 1; ; attempt++) {
      try {
        return applyOnce(categories, channels, categoriesFetched, channelsFetched);
      } catch (SQLException e) {
        // A deadlock's victim (the background guide matching copies onto the same channels) is
        // rolled back whole: the merge runs again. Not a first sync's: its channels went with it.
        boolean deadlock = Sql.deadlock(e);
        if (!deadlock || loadedDirectly || attempt == 5) {
          throw e;
        }
        LOG.info(() -> "Merge of account " + accountId + " met a deadlock; merging again");
        try {
          Thread.sleep(250L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Applied applyOnce(
      boolean categories, boolean channels, int categoriesFetched, int channelsFetched)
      throws SQLException {
    Timestamp now = now();
    connection.setAutoCommit(false);
    try {
      if (loadedDirectly) {
        requireAccount();
      }
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

  /**
   * The account is still there (its channels were loaded without the foreign key check), and stays
   * until the commit (a deletion also needs the sync's lock, so this is the last line of defence).
   */
  private void requireAccount() throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM accounts WHERE id = ? LOCK IN SHARE MODE")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("Account " + accountId + " was deleted during its sync");
        }
      }
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
        diff.added() == 0 || loadedDirectly
            ? diff.added() // a first sync loaded its channels straight into channels
            : update(
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
    int deactivated = diff.missing() == 0 ? 0 : deactivateMissing(now);
    return new Changes(fetched, added, updated, reactivated, deactivated);
  }

  /** Deactivates the active channels the fetch did not list, by row id, in batches. */
  private int deactivateMissing(Timestamp now) throws SQLException {
    long[] batch = new long[ID_BATCH];
    int filled = 0;
    int deactivated = 0;
    for (PrimitiveIterator.OfLong ids = stored.missingIds(); ids.hasNext(); ) {
      batch[filled++] = ids.nextLong();
      if (filled == ID_BATCH || !ids.hasNext()) {
        deactivated += deactivate(now, batch, filled);
        filled = 0;
      }
    }
    return deactivated;
  }

  private int deactivate(Timestamp now, long[] ids, int count) throws SQLException {
    String sql =
        "UPDATE channels SET is_active = FALSE, last_seen = ?"
            + " WHERE account_id = ? AND is_active AND id IN ("
            + "?,".repeat(count - 1)
            + "?)";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setTimestamp(1, now);
      update.setLong(2, accountId);
      for (int i = 0; i < count; i++) {
        update.setLong(3 + i, ids[i]);
      }
      return update.executeUpdate();
    }
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
}
