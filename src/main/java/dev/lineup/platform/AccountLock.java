package dev.lineup.platform;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The per-account lease that keeps a sync, a tag run and the account's deletion from running at
 * once, across every server sharing the database ({@link Leases}). It is bound to the connection
 * that took it: on one MariaDB node it dies with that connection, so a crashed server never leaves
 * it held; across Galera nodes it dies when its server stops renewing it.
 */
public final class AccountLock {
  private AccountLock() {}

  /** The lease names' common start: {@code lineup.sync.{account}}. */
  public static final String PREFIX = "lineup.sync.";

  public static String name(long accountId) {
    return PREFIX + accountId;
  }

  /** Takes the lock without waiting; false when another connection holds it. */
  public static boolean tryAcquire(Connection connection, long accountId) throws SQLException {
    return Leases.tryAcquire(connection, name(accountId), true);
  }

  public static void release(Connection connection, long accountId) throws SQLException {
    Leases.release(connection, name(accountId));
  }

  /** Whether a sync or tag run of the account holds the lock now, on any server. */
  public static boolean held(Connection connection, long accountId) throws SQLException {
    return Leases.held(connection, name(accountId));
  }
}
