package dev.lineup.identity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records guide coverage in the sync history: after a matching run, the account's newest sync run
 * gets how many of its active channels have a guide the outputs use ({@code auto} or {@code
 * manual}). The newest, even while it still runs: the matching that follows a sync may finish
 * before the sync has recorded its end (which leaves this column alone), and must not write today's
 * figure on the run before. The history charts then read {@code sync_runs} alone.
 */
@ApplicationScoped
public class GuideCoverage {
  private static final Logger LOG = Logger.getLogger(GuideCoverage.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** Records the coverage of one account, or of every account (null). */
  void record(Long accountId) {
    String sql =
        "UPDATE sync_runs r"
            + " JOIN (SELECT account_id, MAX(id) AS id FROM sync_runs"
            + (accountId == null ? "" : " WHERE account_id = ?")
            + "  GROUP BY account_id) latest ON latest.id = r.id"
            + " SET r.channels_guided = (SELECT COUNT(*) FROM channels c"
            + "  JOIN channel_guides g ON g.channel_id = c.id"
            + "  WHERE c.account_id = r.account_id AND c.is_active"
            + "  AND g.status IN ('auto', 'manual') AND g.guide_channel_id IS NOT NULL)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      if (accountId != null) {
        update.setLong(1, accountId);
      }
      update.executeUpdate();
    } catch (SQLException e) {
      // The chart misses one point; matching itself went well.
      LOG.warning(() -> "Could not record the guide coverage: " + e.getMessage());
    }
  }
}
