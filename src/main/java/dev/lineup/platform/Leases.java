package dev.lineup.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases in the {@code leases} table: what one server holds for a while, across every server that
 * shares the database — an account's sync, a relay connection slot. Plain rows, so they work on a
 * single MariaDB and on Galera alike (where {@code GET_LOCK} is refused; ADR 15).
 *
 * <ul>
 *   <li>Taking one deletes the name's dead lease, then inserts (the primary key lets one insert
 *       win; on Galera a concurrent insert on another node fails its certification, which is a no).
 *   <li>This server's leases are renewed every {@link #RENEW_SECONDS} by {@link ServerBeat}; a
 *       lease not renewed for {@link #SECONDS} is dead, so a crashed server's are free within that.
 *   <li>A lease bound to a database connection (a sync holds one for its whole run) is also dead as
 *       soon as that connection is gone from the database node it was taken on: on one MariaDB, a
 *       crashed server's sync is free at once, as {@code GET_LOCK} was.
 * </ul>
 */
public final class Leases {
  /** How long a lease lives without renewal. */
  public static final int SECONDS = 15;

  /** How often this server renews its leases. */
  public static final int RENEW_SECONDS = 5;

  private static final String NODE = "CONCAT(@@hostname, ':', @@port)";

  /**
   * True for a live lease row aliased {@code l}: unexpired, and when bound to a connection of this
   * node, that connection still there. An expired lease bound to a live connection of this node is
   * alive too: its holder may be slow, never gone.
   */
  public static final String LIVE =
      "(CASE WHEN l.connection_id IS NOT NULL AND l.db_node = "
          + NODE
          + " THEN l.connection_id IN (SELECT ID FROM information_schema.PROCESSLIST)"
          + " ELSE l.expires_at >= NOW(3) END)";

  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

  private Leases() {}

  /**
   * Takes the lease on {@code connection} without waiting, bound to it when {@code bound}; false
   * when another holder has it. The caller gives it back with {@link #release}.
   */
  public static boolean tryAcquire(Connection connection, String name, boolean bound)
      throws SQLException {
    // Known before the insert, so a renewal in between does not drop it as unknown; a name this
    // server holds already (another of its connections) stays known when this attempt fails.
    boolean added = HELD.add(name);
    boolean taken = false;
    try {
      try (PreparedStatement dead =
          connection.prepareStatement("DELETE l FROM leases l WHERE l.name = ? AND NOT " + LIVE)) {
        dead.setString(1, name);
        dead.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT IGNORE INTO leases (name, server_id, server_name, db_node, connection_id,"
                  + " acquired_at, expires_at) VALUES (?, ?, ?, "
                  + NODE
                  + ", "
                  + (bound ? "CONNECTION_ID()" : "NULL")
                  + ", NOW(3), NOW(3) + INTERVAL "
                  + SECONDS
                  + " SECOND)")) {
        insert.setString(1, name);
        insert.setString(2, ServerIdentity.ID);
        insert.setString(3, ServerIdentity.NAME);
        taken = insert.executeUpdate() == 1;
      } catch (SQLException e) {
        if (isConflict(e)) {
          return false; // Galera: another node's insert of the same name won
        }
        throw e;
      }
      return taken;
    } finally {
      if (!taken && added) {
        HELD.remove(name);
      }
    }
  }

  /**
   * Claims a periodic task ({@code name}) for {@code seconds}: true for the one server that claims
   * it first in that time (a scheduled backup is written once, not once per server). The claim is
   * nobody's to renew or give back; it simply expires.
   */
  public static boolean claim(Connection connection, String name, long seconds)
      throws SQLException {
    try (PreparedStatement expired =
        connection.prepareStatement("DELETE FROM leases WHERE name = ? AND expires_at < NOW(3)")) {
      expired.setString(1, name);
      expired.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT IGNORE INTO leases (name, server_id, server_name, db_node, acquired_at,"
                + " expires_at) VALUES (?, '-', ?, "
                + NODE
                + ", NOW(3), NOW(3) + INTERVAL ? SECOND)")) {
      insert.setString(1, name);
      insert.setString(2, ServerIdentity.NAME);
      insert.setLong(3, seconds);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      if (isConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Gives the lease back (nothing when this server does not hold it). */
  public static void release(Connection connection, String name) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM leases WHERE name = ? AND server_id = ?")) {
      delete.setString(1, name);
      delete.setString(2, ServerIdentity.ID);
      delete.executeUpdate();
    } finally {
      HELD.remove(name);
    }
  }

  /** Whether someone (on any server) holds the lease now. */
  public static boolean held(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM leases l WHERE l.name = ? AND " + LIVE)) {
      query.setString(1, name);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Renews the leases this server holds, and deletes any row of its own it no longer knows of (a
   * release whose statement failed). Returns how many were renewed.
   */
  static int renew(Connection connection) throws SQLException {
    // Statements are prepared only to be run: the pool's close of an unexecuted one fails.
    int renewed = 0;
    for (String name : HELD) {
      try (PreparedStatement renew =
          connection.prepareStatement(
              "UPDATE leases SET expires_at = NOW(3) + INTERVAL "
                  + SECONDS
                  + " SECOND WHERE server_id = ? AND name = ?")) {
        renew.setString(1, ServerIdentity.ID);
        renew.setString(2, name);
        renewed += renew.executeUpdate();
      }
    }
    List<String> unknown = new ArrayList<>();
    try (PreparedStatement mine =
        connection.prepareStatement("SELECT name FROM leases WHERE server_id = ?")) {
      mine.setString(1, ServerIdentity.ID);
      try (ResultSet rs = mine.executeQuery()) {
        while (rs.next()) {
          if (!HELD.contains(rs.getString(1))) {
            unknown.add(rs.getString(1));
          }
        }
      }
    }
    for (String name : unknown) {
      try (PreparedStatement forget =
          connection.prepareStatement("DELETE FROM leases WHERE server_id = ? AND name = ?")) {
        forget.setString(1, ServerIdentity.ID);
        forget.setString(2, name);
        forget.executeUpdate();
      }
    }
    return renewed;
  }

  /** A deadlock or a Galera certification failure: the other writer won. */
  static boolean isConflict(SQLException e) {
    return e.getErrorCode() == 1213 || "40001".equals(e.getSQLState());
  }
}
