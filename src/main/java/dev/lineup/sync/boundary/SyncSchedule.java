package dev.lineup.sync.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.sync.control.ChannelSync;
import dev.lineup.sync.control.SyncConfig;
import dev.lineup.sync.control.SyncDue;
import dev.lineup.sync.entity.SyncRun.Scope;
import dev.lineup.sync.entity.SyncRun.Trigger;
import jakarta.annotation.PostConstruct;
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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs accounts on schedule. One persistent EJB timer (stored in MariaDB, so in a cluster it fires
 * on one server only and survives a server stopping) checks every {@code SYNC_CHECK_SECONDS} which
 * enabled accounts are due ({@link SyncDue}: never synced, or their last run started longer ago
 * than their interval; sooner after a failure). The first check comes shortly after start, so data
 * older than the interval is refreshed then.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class SyncSchedule {
  static final String TIMER = "lineup-sync-check";
  private static final Logger LOG = Logger.getLogger(SyncSchedule.class.getName());

  @Resource TimerService timers;
  @PersistenceContext EntityManager em;
  @Inject ChannelSync sync;
  @Inject SyncDue syncDue;

  @Inject SyncConfig config;

  /**
   * Replaces any check timer with a new one owned by this server. A timer left by a stopped server
   * would only fire again after Liberty's failover delay; recreating it at start makes the schedule
   * run at once, and a server that stops later hands it over through the same failover.
   */
  @PostConstruct
  void schedule() {
    for (Timer timer : timers.getTimers()) {
      if (timer.getInfo() instanceof String info && info.startsWith(TIMER)) {
        timer.cancel();
      }
    }
    timers.createIntervalTimer(
        Math.min(config.firstCheck().toMillis(), config.checkEvery().toMillis()),
        config.checkEvery().toMillis(),
        new TimerConfig(TIMER, true));
    LOG.info(
        () ->
            "Sync schedule: every "
                + (config.interval().isZero()
                    ? "- (off unless an account sets its own interval)"
                    : SyncConfig.describe(config.interval()))
                + ", checked every "
                + config.checkEvery().toSeconds()
                + " s");
  }

  // The syncs manage their own connections and transactions.
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void check(Timer timer) {
    List<Account> accounts = em.createNamedQuery(Account.ALL, Account.class).getResultList();
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    for (Account account : accounts) {
      if (!syncDue.isDue(account, now)) {
        continue;
      }
      try {
        sync.sync(account.id(), Trigger.SCHEDULE, Scope.ALL, false);
      } catch (ProblemException e) {
        LOG.info(() -> "Scheduled sync of " + account + " skipped: " + e.detail());
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Scheduled sync of " + account + " failed", e);
      }
    }
  }
}
