package dev.lineup.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams an account's active channels, each with its category's name, one row at a time (the
 * driver fetches 1000 at once; nothing is held): the read shared by tag processing, a ruleset's dry
 * run and the filters. The select list names channel columns as {@code c.…} and the category's as
 * {@code cat.…}.
 */
public final class ActiveChannels {
  private ActiveChannels() {}

  /** What to do with each row. */
  @FunctionalInterface
  public interface Row {
    void accept(ResultSet row) throws SQLException;
  }

  /** Calls {@code each} for every active channel of the account; returns how many there were. */
  public static long forEach(Connection connection, long accountId, String columns, Row each)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT "
                + columns
                + " FROM channels c LEFT JOIN categories cat"
                + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
                + " WHERE c.account_id = ? AND c.is_active")) {
      query.setFetchSize(1000);
      query.setLong(1, accountId);
      long rows = 0;
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows++;
          each.accept(rs);
        }
      }
      return rows;
    }
  }
}
