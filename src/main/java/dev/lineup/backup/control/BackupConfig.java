package dev.lineup.backup.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.time.Duration;
import java.util.List;

/** Scheduled backups (README, "Configuration"), read here and checked at start. */
public final class BackupConfig implements VariableSource {
  /** Where scheduled backups are written; unset: none are. */
  public static final Variable<String> DIR =
      Variable.matching(
          "BACKUP_DIR", null, "an absolute folder path", false, "(/|[A-Za-z]:[\\\\/]).*");

  /** How often a scheduled backup is written. */
  public static final Variable<Duration> EVERY_HOURS = Variable.hours("BACKUP_EVERY_HOURS", "24");

  /** How many scheduled backups are kept (the oldest go). */
  public static final Variable<Long> KEEP = Variable.whole("BACKUP_KEEP", "7", 1, 1000, "files");

  /** Seals the provider secrets in scheduled backups; unset: they are left out. */
  public static final Variable<String> PASSPHRASE =
      Variable.matching(
          "BACKUP_PASSPHRASE", null, "a passphrase of 8 characters or more", true, ".{8,}");

  public static final List<Variable<?>> VARIABLES = List.of(DIR, EVERY_HOURS, KEEP, PASSPHRASE);

  @Override
  public List<Variable<?>> variables() {
    return VARIABLES;
  }
}
