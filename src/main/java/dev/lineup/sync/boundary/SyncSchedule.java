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
   * Keeps the check timer that another server (or this one, before a restart) created with the same
   * cadence, else replaces it: the schedule is one timer for every server sharing the database, so
   * it fires on one server at a time, and a server starting does not take it from the others. A
   * timer whose server stopped is taken over by another after Liberty's missed-task threshold
   * (server.xml).
   */
  @PostConstruct
  void schedule() {
    long first = Math.min(config.firstCheck().toMillis(), config.checkEvery().toMillis());
    String info = TIMER + "@" + config.checkEvery().toMillis();
    boolean kept = false;
    for (Timer timer : timers.getTimers()) {
      if (timer.getInfo() instanceof String existing && existing.startsWith(TIMER)) {
        if (!kept && existing.equals(info)) {
          kept = true;
        } else {
          timer.cancel();
        }
      }
    }
    if (!kept) {
      timers.createIntervalTimer(
          first, config.checkEvery().toMillis(), new TimerConfig(info, true));
    }
    boolean existed = kept;
    LOG.info(
        () -> "Sync schedule timer " + (existed ? "kept (shared by every server)" : "created"));
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
