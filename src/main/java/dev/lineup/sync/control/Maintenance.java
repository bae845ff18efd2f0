package dev.lineup.sync.control;

import dev.lineup.platform.ChannelsChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Housekeeping of the synced data: see {@code MaintenanceResource}. */
@ApplicationScoped
public class Maintenance {
  private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
  private static final List<String> TABLES =
      List.of("channels", "categories", "channel_tags", "channel_search", "sync_runs");

  /** Rows deleted per statement, so a purge never holds locks for long. */
  private static final int PURGE_BATCH = 5000;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject SyncRuns runs;
  @Inject Event<ChannelsChanged> channelsChanged;

  public Map<String, Object> run(int purgeInactiveDays, boolean optimize) {
    long start = System.nanoTime();
    Timestamp before =
        Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minusDays(purgeInactiveDays));
    Map<String, Object> report = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      report.put("success", true);
      report.put("purge_inactive_days", purgeInactiveDays);
      report.put("channels_purged", purge(connection, "channels", before));
      report.put("categories_purged", purge(connection, "categories", before));
      report.put("sync_runs_purged", trimHistories(connection));
      channelsChanged.fire(ChannelsChanged.all());
      List<String> analyzed = new ArrayList<>();
      List<String> optimized = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        for (String table : TABLES) {
          if (optimize) {
            statement.execute("OPTIMIZE TABLE " + table);
            optimized.add(table);
          }
          statement.execute("ANALYZE TABLE " + table);
          analyzed.add(table);
        }
      }
      report.put("analyzed", analyzed);
      report.put("optimized", optimized);
    } catch (SQLException e) {
      throw new IllegalStateException("Maintenance failed", e);
    }
    report.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
    LOG.info(() -> "Maintenance: " + report);
    return report;
  }

  private static int purge(Connection connection, String table, Timestamp before)
      throws SQLException {
    int total = 0;
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE NOT is_active AND last_seen < ? LIMIT "
                + PURGE_BATCH)) {
      delete.setTimestamp(1, before);
      int deleted;
      int deadlocks = 0;
      do {
        try {
          deleted = delete.executeUpdate();
        } catch (SQLTransactionRollbackException e) {
          // Another writer of these rows (a sync, guide matching) won a deadlock: the batch was
          // rolled back whole, so it is simply tried again.
          if (++deadlocks > 5) {
            throw e;
          }
          deleted = PURGE_BATCH;
          continue;
        }
        total += deleted;
      } while (deleted == PURGE_BATCH);
    }
    return total;
  }

  private int trimHistories(Connection connection) throws SQLException {
    List<Long> accounts = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id FROM accounts")) {
      while (rs.next()) {
        accounts.add(rs.getLong(1));
      }
    }
    int total = 0;
    for (long account : accounts) {
      total += runs.trimHistory(connection, account);
    }
    return total;
  }
}
