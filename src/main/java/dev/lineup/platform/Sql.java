package dev.lineup.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;

/** Plain JDBC for the bulk paths (sync, tag processing), where JPA would load every row. */
public final class Sql {
  private Sql() {}

  /**
   * Runs one statement with positional parameters and returns the rows it changed; {@code log} (the
   * caller's logger) gets the statement and its time at FINE level.
   */
  public static int update(Logger log, Connection connection, String sql, Object... params)
      throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      int rows = statement.executeUpdate();
      log.fine(() -> rows + " rows in " + (System.nanoTime() - start) / 1_000_000 + " ms: " + sql);
      return rows;
    }
  }

  /**
   * Whether the database chose the statement's transaction as a deadlock's victim (rolled back).
   */
  public static boolean deadlock(java.sql.SQLException e) {
    return "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213;
  }
}
