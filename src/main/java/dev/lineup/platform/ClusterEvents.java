package dev.lineup.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the servers sharing the database tell each other, through the {@code cluster_events} table:
 * each server {@link #announce}s what the others must know (a cache to drop, a sync's progress),
 * and reads the others' announcements once a second ({@link ServerBeat}), firing each as an {@link
 * Announcement} CDI event that the features observe.
 *
 * <p>Channel changes are announced here for every feature: a committed {@link ChannelsChanged}
 * counts a new version of the account's channels in {@code change_counters} (the playlists' ETags,
 * the same on every server) and is fired again as a {@link ChannelsChanged} on the other servers.
 *
 * <p>Rows are read by time, not by id: on Galera, and with concurrent inserts on one node, ids do
 * not commit in order. Each poll reads the last seconds and skips the ids it has seen.
 */
@ApplicationScoped
public class ClusterEvents {
  private static final Logger LOG = Logger.getLogger(ClusterEvents.class.getName());

  /** The kind of a {@link ChannelsChanged} announcement. */
  public static final String CHANNELS = "channels";

  /** How far back each poll looks, at least (an insert is visible long before). */
  private static final long WINDOW_MS = 5_000;

  /** How long announcements are kept. */
  private static final int KEEP_MINUTES = 10;

  /**
   * CDI event: another server announced something.
   *
   * @param kind what happened ("channels", "access", "progress", ...)
   * @param accountId the account it concerns, when one
   * @param payload what the kind needs, at most 1,024 characters
   */
  public record Announcement(String kind, Long accountId, String payload) {
    public boolean is(String wanted) {
      return wanted.equals(kind);
    }
  }

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject Event<Announcement> announced;
  @Inject Event<ChannelsChanged> channelsChanged;

  /** Ids seen, with when they were read: skipped when read again. */
  private final Map<Long, Long> seen = new HashMap<>();

  private long lastPoll;

  /**
   * Set while another server's announcement is fired here: what it causes was counted and announced
   * by its own server, so nothing is announced back.
   */
  private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

  /** Whether the current thread is firing another server's announcement. */
  public static boolean replaying() {
    return REPLAYING.get();
  }

  /**
   * Tells the other servers (nothing while another server's announcement is fired here); a failure
   * is logged (their caches then age out as before).
   */
  public void announce(String kind, Long accountId, String payload) {
    if (REPLAYING.get()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO cluster_events (kind, account_id, payload, origin, created_at)"
                    + " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))")) {
      insert.setString(1, kind);
      if (accountId == null) {
        insert.setNull(2, Types.BIGINT);
      } else {
        insert.setLong(2, accountId);
      }
      insert.setString(3, payload);
      insert.setString(4, ServerIdentity.ID);
      insert.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "Could not announce " + kind + " to the other servers: " + e.getMessage());
    }
  }

  /** A committed channel change: a new version for the ETags, and news for the other servers. */
  void channelsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelsChanged event) {
    if (REPLAYING.get()) {
      return;
    }
    count(event.accountId());
    announce(CHANNELS, event.accountId(), null);
  }

  /**
   * Counts a new version of the account's channels (null: of everything). Done after the change
   * committed, so a server stopping in between would leave the count behind: each server counts one
   * change of everything as it starts, which moves every ETag once.
   */
  void count(Long accountId) {
    String scope = scope(accountId);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "INSERT INTO change_counters (scope, version, changed_at) VALUES (?, 1, UTC_TIMESTAMP(3))"
                    + " ON DUPLICATE KEY UPDATE version = version + 1, changed_at = UTC_TIMESTAMP(3)")) {
      count.setString(1, scope);
      count.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "Could not count a change of " + scope + ": " + e.getMessage());
    }
  }

  /** The {@code change_counters} scope of an account's channels, or of every account's (null). */
  public static String scope(Long accountId) {
    return accountId == null ? "channels.all" : "channels." + accountId;
  }

  /** Reads the other servers' new announcements and fires them here. */
  synchronized int poll() {
    long now = System.currentTimeMillis();
    // Back to the last poll that worked: what was announced while the database was away is read.
    long window = lastPoll == 0 ? WINDOW_MS : Math.max(WINDOW_MS, now - lastPoll + 2_000);
    int fired = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT id, kind, account_id, payload FROM cluster_events"
                    + " WHERE created_at >= UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND AND origin <> ?"
                    + " ORDER BY id")) {
      query.setLong(1, window * 1000);
      query.setString(2, ServerIdentity.ID);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          if (seen.putIfAbsent(id, now) != null) {
            continue;
          }
          long account = rs.getLong(3);
          Announcement announcement =
              new Announcement(rs.getString(2), rs.wasNull() ? null : account, rs.getString(4));
          fire(announcement);
          fired++;
        }
      }
      lastPoll = now;
    } catch (SQLException | RuntimeException e) {
      LOG.warning(() -> "Could not read the other servers' announcements: " + e.getMessage());
    }
    seen.values().removeIf(at -> now - at > 2 * window + 60_000);
    return fired;
  }

  private void fire(Announcement announcement) {
    REPLAYING.set(true);
    try {
      if (announcement.is(CHANNELS)) {
        channelsChanged.fire(new ChannelsChanged(announcement.accountId()));
      }
      announced.fire(announcement);
    } finally {
      REPLAYING.set(false);
    }
  }

  /** Deletes announcements older than anyone reads. */
  void trim() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM cluster_events WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL "
                    + KEEP_MINUTES
                    + " MINUTE LIMIT 10000")) {
      delete.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "Could not trim old announcements: " + e.getMessage());
    }
  }
}
