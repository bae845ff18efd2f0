package dev.lineup.sync.control;

import dev.lineup.account.entity.Account;
import dev.lineup.sync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * When an account is due for its scheduled sync: the one answer the scheduler acts on and the
 * dashboard shows. An enabled account with an interval (its own {@code sync_interval_hours}, else
 * {@code SYNC_INTERVAL_HOURS}; zero: never on schedule) is due when it never synced, else once its
 * interval has passed since its last run <em>started</em>. After a failed run it is tried again
 * after at most {@link #RETRY_AFTER_FAILURE}.
 */
@ApplicationScoped
public class SyncDue {
  /** After a failed run, try again sooner than the interval, but not before this. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

  @Inject SyncConfig config;
  @Inject SyncRuns runs;

  /**
   * When the scheduler syncs the account next (a time in the past: at its next check); empty when
   * it does not sync on schedule.
   */
  public Optional<LocalDateTime> next(Account account) {
    Duration interval = config.intervalOf(account.syncIntervalHours());
    if (!account.enabled() || interval.isZero()) {
      return Optional.empty(); // no need to read its runs
    }
    return next(true, interval, runs.last(account.id()));
  }

  /** Whether the scheduler syncs the account at a check at {@code now}. */
  public boolean isDue(Account account, LocalDateTime now) {
    return due(next(account), now);
  }

  /** Whether a sync due at {@code next} (empty: never) runs at a check at {@code now}. */
  static boolean due(Optional<LocalDateTime> next, LocalDateTime now) {
    return next.filter(at -> !at.isAfter(now)).isPresent();
  }

  /**
   * The rule itself: when an account with this interval and last run is due; {@link
   * LocalDateTime#MIN} when it never ran (due at once), empty when it does not sync on schedule.
   */
  static Optional<LocalDateTime> next(
      boolean enabled, Duration interval, Optional<SyncRun> lastRun) {
    if (!enabled || interval.isZero()) {
      return Optional.empty();
    }
    if (lastRun.isEmpty()) {
      return Optional.of(LocalDateTime.MIN);
    }
    SyncRun last = lastRun.get();
    Duration wait =
        last.status == SyncRun.Status.FAILED && interval.compareTo(RETRY_AFTER_FAILURE) > 0
            ? RETRY_AFTER_FAILURE
            : interval;
    return Optional.of(last.startedAt.plus(wait));
  }
}
