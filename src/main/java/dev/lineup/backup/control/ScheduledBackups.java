package dev.lineup.backup.control;

import dev.lineup.platform.Leases;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Writes a backup to {@code BACKUP_DIR} every {@code BACKUP_EVERY_HOURS} (24) and keeps the newest
 * {@code BACKUP_KEEP} (7), like the peers' scheduled backups. With {@code BACKUP_PASSPHRASE} the
 * provider secrets are sealed in them, else left out. A file is written whole or not at all (a
 * temporary file, then renamed), readable by its owner only; a failure is logged and the next run
 * tries again.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class ScheduledBackups {
  static final String TIMER = "lineup-backup";
  static final String PREFIX = "lineup-backup-";
  private static final Logger LOG = Logger.getLogger(ScheduledBackups.class.getName());
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Resource TimerService timers;
  @Inject SetupExport export;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** The schedule as configured, for the backup page. */
  public record Schedule(
      String dir, Duration every, long keep, boolean sealed, List<String> files) {
    /** "24 h", "90 min". */
    public String interval() {
      long minutes = every.toMinutes();
      return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }
  }

  @PostConstruct
  void schedule() {
    for (Timer timer : timers.getTimers()) {
      if (TIMER.equals(timer.getInfo())) {
        timer.cancel();
      }
    }
    String dir = BackupConfig.DIR.value();
    Duration every = BackupConfig.EVERY_HOURS.value();
    if (dir == null || every.isZero()) {
      LOG.info("Scheduled backups: off (set BACKUP_DIR to turn them on)");
      return;
    }
    long first = Math.min(Duration.ofMinutes(5).toMillis(), every.toMillis());
    timers.createIntervalTimer(first, every.toMillis(), new TimerConfig(TIMER, false));
    LOG.info(
        () ->
            "Scheduled backups: every "
                + every.toMinutes()
                + " min to "
                + dir
                + ", the newest "
                + BackupConfig.KEEP.value()
                + " kept");
  }

  /**
   * Every server with BACKUP_DIR runs this timer; the first to claim the period writes the backup
   * (the claim lasts nine tenths of the interval), so a cluster writes one, not one per server.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the claim commits at once
  void run(Timer timer) {
    long seconds = BackupConfig.EVERY_HOURS.value().toSeconds() * 9 / 10;
    try (Connection connection = dataSource.getConnection()) {
      if (!Leases.claim(connection, "backup.scheduled", Math.max(1, seconds))) {
        LOG.fine("Scheduled backup: another server writes this one");
        return;
      }
    } catch (SQLException e) {
      LOG.warning(() -> "Scheduled backup skipped: the database is unreachable: " + e.getMessage());
      return;
    }
    try {
      Path written = write();
      LOG.info(() -> "Backup written: " + written);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduled backup failed: " + e.getMessage(), e);
    }
  }

  /** Writes one backup now and removes the oldest beyond BACKUP_KEEP; returns the new file. */
  public Path write() throws IOException {
    Path dir = Path.of(BackupConfig.DIR.value());
    Files.createDirectories(dir);
    String text = export.document(BackupConfig.PASSPHRASE.value()).toString();
    String name = PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + ".json";
    Path temporary = Files.createTempFile(dir, ".lineup-backup-", ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Path file =
        Files.move(
            temporary,
            dir.resolve(name),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    List<Path> all = files(dir);
    for (Path old :
        all.subList(0, Math.max(0, all.size() - BackupConfig.KEEP.value().intValue()))) {
      Files.deleteIfExists(old);
    }
    return file;
  }

  /** The schedule and the backups it wrote, newest first. */
  public Schedule schedule(boolean withFiles) {
    String dir = BackupConfig.DIR.value();
    List<String> names = List.of();
    if (dir != null && withFiles) {
      try {
        names =
            files(Path.of(dir)).stream()
                .map(p -> p.getFileName().toString())
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
      } catch (IOException e) {
        names = List.of();
      }
    }
    return new Schedule(
        dir,
        BackupConfig.EVERY_HOURS.value(),
        BackupConfig.KEEP.value(),
        BackupConfig.PASSPHRASE.value() != null,
        names);
  }

  /** The folder's backups, oldest first (their names sort by time). */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(
              p ->
                  p.getFileName().toString().startsWith(PREFIX)
                      && p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    }
  }
}
