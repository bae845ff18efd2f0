package dev.lineup.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This server's pulse, once a second on a timer of its own (not persistent: every server runs one).
 * It reads the other servers' announcements ({@link ClusterEvents}); every {@link
 * Leases#RENEW_SECONDS} it renews this server's leases and fires a {@link Beat}, on which features
 * tidy what a stopped server left (the sync closes its interrupted runs).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class ServerBeat {
  private static final Logger LOG = Logger.getLogger(ServerBeat.class.getName());
  static final String TIMER = "lineup-server-beat";

  /** CDI event, every few seconds on every server. */
  public record Beat(long count) {}

  @Resource TimerService timers;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject ClusterEvents events;
  @Inject Event<Beat> beat;

  private long beats;
  private long lastRenewal = System.nanoTime() - Long.MAX_VALUE / 2;

  @PostConstruct
  void start() {
    events.count(null); // a change counted by a server that stopped before counting it
    timers.createIntervalTimer(1_000, 1_000, new TimerConfig(TIMER, false));
    LOG.info(() -> "Server " + ServerIdentity.NAME + " (" + ServerIdentity.ID + ") started");
  }

  /** Stops the beat and gives this server's leases back: its relay slots are free at once. */
  @PreDestroy
  void stop() {
    for (Timer timer : timers.getTimers()) {
      if (TIMER.equals(timer.getInfo())) {
        timer.cancel();
      }
    }
    try (Connection connection = dataSource.getConnection()) {
      Leases.releaseAll(connection);
    } catch (SQLException | RuntimeException e) {
      LOG.info(() -> "Leases not given back at stop (free within 15 s): " + e.getMessage());
    }
  }

  /**
   * Renews the leases first, by the clock (a slow tick must not let them lapse), then reads the
   * announcements, then the features' tidying on a {@link Beat}.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick(Timer timer) {
    long now = System.nanoTime();
    boolean renew = now - lastRenewal >= Leases.RENEW_SECONDS * 1_000_000_000L;
    if (renew) {
      lastRenewal = now;
      try (Connection connection = dataSource.getConnection()) {
        Leases.renew(connection);
      } catch (SQLException | RuntimeException e) {
        LOG.warning(() -> "Could not renew this server's leases: " + e);
      }
    }
    events.poll(); // logs its own failures
    if (!renew) {
      return;
    }
    if (++beats % 12 == 1) {
      events.trim();
    }
    try {
      beat.fire(new Beat(beats));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A task on the server beat failed", e);
    }
  }
}
