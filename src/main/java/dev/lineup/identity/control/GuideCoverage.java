package dev.lineup.identity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records guide coverage in the sync history: after a matching run, the account's newest sync run
 * gets how many of its active channels have a guide the outputs use ({@code auto} or {@code
 * manual}). The newest, even while it still runs: the matching that follows a sync may finish
 * before the sync has recorded its end (which leaves this column alone), and must not write today's
 * figure on the run before. The history charts then read {@code sync_runs} alone.
 *
 * <p>Counted with a plain (non-locking) read, then written by run id: an {@code UPDATE ... SET =
 * (SELECT COUNT ...)} would share-lock every channel it counts, against syncs and tag runs.
 */
@ApplicationScoped
public class GuideCoverage {
  private static final Logger LOG = Logger.getLogger(GuideCoverage.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** Records the coverage of one account, or of every account (null). */
  void record(Long accountId) {
    String only = accountId == null ? "" : " AND c.account_id = ?";
    try (Connection connection = dataSource.getConnection()) {
      Map<Long, Long> newest = new HashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT account_id, MAX(id) FROM sync_runs"
                  + (accountId == null ? "" : " WHERE account_id = ?")
                  + " GROUP BY account_id")) {
        if (accountId != null) {
          query.setLong(1, accountId);
        }
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            newest.put(rs.getLong(1), rs.getLong(2));
          }
        }
      }
      if (newest.isEmpty()) {
        return;
      }
      Map<Long, Integer> guided = new HashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT c.account_id, COUNT(*) FROM channels c"
                  + " JOIN channel_guides g ON g.channel_id = c.id"
                  + " WHERE c.is_active AND g.status IN ('auto', 'manual')"
                  + " AND g.guide_channel_id IS NOT NULL"
                  + only
                  + " GROUP BY c.account_id")) {
        if (accountId != null) {
          query.setLong(1, accountId);
        }
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            guided.put(rs.getLong(1), rs.getInt(2));
          }
        }
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE sync_runs SET channels_guided = ? WHERE id = ?")) {
        for (Map.Entry<Long, Long> run : newest.entrySet()) {
          update.setInt(1, guided.getOrDefault(run.getKey(), 0));
          update.setLong(2, run.getValue());
          update.addBatch();
        }
        update.executeBatch();
      }
    } catch (SQLException e) {
      // The chart misses one point; matching itself went well.
      LOG.warning(() -> "Could not record the guide coverage: " + e.getMessage());
    }
  }
}
