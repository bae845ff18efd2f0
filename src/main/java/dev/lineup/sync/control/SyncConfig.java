package dev.lineup.sync.control;

import dev.lineup.platform.Variable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The sync's settings, read once from the environment (README, "Configuration"); their forms are
 * checked before the application starts ({@link dev.lineup.platform.ConfigCheck}).
 */
@ApplicationScoped
public class SyncConfig {
  public static final Variable<Duration> INTERVAL = Variable.hours("SYNC_INTERVAL_HOURS", "6");
  public static final Variable<Long> CHECK_SECONDS =
      Variable.whole("SYNC_CHECK_SECONDS", "300", 1, 86_400, "seconds");
  public static final Variable<Long> FIRST_CHECK_SECONDS =
      Variable.whole("SYNC_FIRST_CHECK_SECONDS", "60", 0, 86_400, "seconds");
  public static final Variable<Double> MAX_DEACTIVATE_SHARE =
      Variable.share("SYNC_MAX_DEACTIVATE_SHARE", "0.5");
  public static final Variable<Long> HISTORY_KEEP =
      Variable.whole("SYNC_HISTORY_KEEP", "50", 1, 100_000, "runs");
  public static final Variable<Long> PURGE_INACTIVE_DAYS =
      Variable.whole("PURGE_INACTIVE_DAYS", "30", 0, 36_500, "days");
  public static final Variable<Boolean> TAGS_AUTO_PROCESS =
      Variable.flag("TAGS_AUTO_PROCESS", "true");

  public static final List<Variable<?>> VARIABLES =
      List.of(
          INTERVAL,
          CHECK_SECONDS,
          FIRST_CHECK_SECONDS,
          MAX_DEACTIVATE_SHARE,
          HISTORY_KEEP,
          PURGE_INACTIVE_DAYS,
          TAGS_AUTO_PROCESS);

  private Duration interval;
  private Duration checkEvery;
  private Duration firstCheck;
  private double maxDeactivateShare;
  private int historyKeep;
  private int purgeInactiveDays;
  private boolean autoProcessTags;

  @PostConstruct
  void read() {
    interval = INTERVAL.value();
    checkEvery = Duration.ofSeconds(CHECK_SECONDS.value());
    firstCheck = Duration.ofSeconds(FIRST_CHECK_SECONDS.value());
    maxDeactivateShare = MAX_DEACTIVATE_SHARE.value();
    historyKeep = HISTORY_KEEP.value().intValue();
    purgeInactiveDays = PURGE_INACTIVE_DAYS.value().intValue();
    autoProcessTags = TAGS_AUTO_PROCESS.value();
  }

  /** How often every enabled account syncs ({@code SYNC_INTERVAL_HOURS}); zero: only on its own. */
  public Duration interval() {
    return interval;
  }

  /**
   * How often an account syncs: its own {@code sync_interval_hours} when set, else the global
   * interval; zero when it does not sync on schedule.
   */
  public Duration intervalOf(Integer ownHours) {
    Duration chosen = ownHours != null ? Duration.ofHours(ownHours) : interval;
    return chosen.isNegative() ? Duration.ZERO : chosen;
  }

  /** How often the scheduler looks for due accounts. */
  public Duration checkEvery() {
    return checkEvery;
  }

  /** When the scheduler first looks, after start. */
  public Duration firstCheck() {
    return firstCheck;
  }

  /** A sync that would deactivate more than this share of active channels waits for force. */
  public double maxDeactivateShare() {
    return maxDeactivateShare;
  }

  /** Sync runs kept per account. */
  public int historyKeep() {
    return historyKeep;
  }

  /** The default age of inactive channels that maintenance deletes. */
  public int purgeInactiveDays() {
    return purgeInactiveDays;
  }

  /** Whether a successful sync tags the account's channels right away. */
  public boolean autoProcessTags() {
    return autoProcessTags;
  }

  /** An interval in hours as people write it: "6 h", "1.5 h", "30 min". */
  public static String describe(Duration interval) {
    long minutes = interval.toMinutes();
    if (minutes % 60 == 0) {
      return minutes / 60 + " h";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    return java.math.BigDecimal.valueOf(minutes)
            .divide(java.math.BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + " h";
  }
}
