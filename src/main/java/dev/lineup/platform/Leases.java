package dev.lineup.platform;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 *       Each taking has a random holder token: renewing, giving back and tidying go by token, so
 *       two attempts on one server never touch each other's lease.
 *   <li>This server's leases are renewed every {@link #RENEW_SECONDS} by {@link ServerBeat}; a
 *       lease not renewed for {@link #SECONDS} is dead, so a crashed server's are free within that.
 *   <li>A lease bound to a database connection (a sync holds one for its whole run) is also dead as
 *       soon as that connection is gone from the database node it was taken on: on one MariaDB, a
 *       crashed server's sync is free at once, as {@code GET_LOCK} was. While its connection is
 *       there it lives a minute past its renewals (a slow beat never costs a sync its lease), and
 *       no longer (a connection id the database gives again after a restart revives nothing).
 * </ul>
 *
 * <p>Times are the database's UTC clock ({@code UTC_TIMESTAMP(3)}): one clock for every server.
 */
public final class Leases {
  /** How long a lease lives without renewal. */
  public static final int SECONDS = 15;

  /** How often this server renews its leases. */
  public static final int RENEW_SECONDS = 5;

  private static final String NODE = "CONCAT(@@hostname, ':', @@port)";
  private static final String NOW = "UTC_TIMESTAMP(3)";

  /** True for a live lease row aliased {@code l} (see the class comment). */
  public static final String LIVE =
      "(CASE WHEN l.connection_id IS NOT NULL AND l.db_node = "
          + NODE
          + " THEN l.connection_id IN (SELECT ID FROM information_schema.PROCESSLIST)"
          + " AND l.expires_at >= "
          + NOW
          + " - INTERVAL 60 SECOND ELSE l.expires_at >= "
          + NOW
          + " END)";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The tokens of the leases this server holds or is taking. */
  private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

  /** The token of each lease this server holds, by name. */
  private static final Map<String, String> HELD = new ConcurrentHashMap<>();

  private Leases() {}

  /**
   * Takes the lease on {@code connection} without waiting, bound to it when {@code bound}; false
   * when another holder (here or on another server) has it. The caller gives it back with {@link
   * #release}.
   */
  public static boolean tryAcquire(Connection connection, String name, boolean bound)
      throws SQLException {
    String token = token();
    TOKENS.add(token); // known before the insert: a tidying in between must not drop it
    boolean taken = false;
    try {
      try (PreparedStatement dead =
          connection.prepareStatement(
              "DELETE l FROM leases l WHERE l.name = ? AND l.server_id <> ? AND NOT " + LIVE)) {
        dead.setString(1, name);
        dead.setString(2, ServerIdentity.ID); // this server's own: tidied by token (renew)
        dead.executeUpdate();
      }
      taken = insert(connection, name, ServerIdentity.ID, token, bound, SECONDS);
      if (taken) {
        HELD.put(name, token);
      }
      return taken;
    } finally {
      if (!taken) {
        TOKENS.remove(token);
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
        connection.prepareStatement("DELETE FROM leases WHERE name = ? AND expires_at < " + NOW)) {
      expired.setString(1, name);
      expired.executeUpdate();
    }
    return insert(connection, name, "-", token(), false, seconds);
  }

  private static String token() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Inserts the lease unless its name is taken; false when taken, here or (Galera) by another
   * node's concurrent insert, which fails this one's certification.
   */
  private static boolean insert(
      Connection connection,
      String name,
      String serverId,
      String token,
      boolean bound,
      long seconds)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT IGNORE INTO leases (name, server_id, holder, server_name, db_node,"
                + " connection_id, acquired_at, expires_at) VALUES (?, ?, ?, ?, "
                + NODE
                + ", "
                + (bound ? "CONNECTION_ID()" : "NULL")
                + ", "
                + NOW
                + ", "
                + NOW
                + " + INTERVAL ? SECOND)")) {
      insert.setString(1, name);
      insert.setString(2, serverId);
      insert.setString(3, token);
      insert.setString(4, ServerIdentity.NAME);
      insert.setLong(5, seconds);
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
    String token = HELD.remove(name);
    if (token == null) {
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
      delete.setString(1, name);
      delete.setString(2, token);
      delete.executeUpdate();
    } finally {
      TOKENS.remove(token);
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
   * Renews every lease of this server in one statement, then deletes any of its rows whose token it
   * no longer knows (a release whose statement failed). Returns how many were renewed.
   */
  static int renew(Connection connection) throws SQLException {
    int renewed;
    try (PreparedStatement renew =
        connection.prepareStatement(
            "UPDATE leases SET expires_at = "
                + NOW
                + " + INTERVAL "
                + SECONDS
                + " SECOND WHERE server_id = ?")) {
      renew.setString(1, ServerIdentity.ID);
      renewed = renew.executeUpdate();
    }
    if (renewed == TOKENS.size()) {
      return renewed; // every row is one this server knows (the usual case: nothing more to read)
    }
    List<String> unknown = new ArrayList<>();
    try (PreparedStatement mine =
        connection.prepareStatement("SELECT holder FROM leases WHERE server_id = ?")) {
      mine.setString(1, ServerIdentity.ID);
      try (ResultSet rs = mine.executeQuery()) {
        while (rs.next()) {
          if (!TOKENS.contains(rs.getString(1))) {
            unknown.add(rs.getString(1));
          }
        }
      }
    }
    for (String token : unknown) {
      try (PreparedStatement forget =
          connection.prepareStatement("DELETE FROM leases WHERE holder = ?")) {
        forget.setString(1, token);
        forget.executeUpdate();
      }
    }
    return renewed;
  }

  /** Gives back every lease of this server (it is stopping): free at once, not in 15 s. */
  static void releaseAll(Connection connection) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM leases WHERE server_id = ?")) {
      delete.setString(1, ServerIdentity.ID);
      delete.executeUpdate();
    }
  }

  /** A deadlock or a Galera certification failure: the other writer won. */
  static boolean isConflict(SQLException e) {
    return e.getErrorCode() == 1213 || "40001".equals(e.getSQLState());
  }
}
