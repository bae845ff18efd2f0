package dev.lineup.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The per-account MariaDB named lock that keeps a sync and tag processing of one account from
 * running at once, across every server sharing the database. It belongs to the connection that took
 * it and dies with it, so a crashed server never leaves it held.
 */
public final class AccountLock {
  private AccountLock() {}

  public static String name(long accountId) {
    return "lineup.sync." + accountId;
  }

  /** Takes the lock without waiting; false when another connection holds it. */
  public static boolean tryAcquire(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      lock.setString(1, name(accountId));
      try (ResultSet rs = lock.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  public static void release(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement release = connection.prepareStatement("DO RELEASE_LOCK(?)")) {
      release.setString(1, name(accountId));
      release.execute();
    }
  }
}
