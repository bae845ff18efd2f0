package dev.lineup.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the Flyway migrations before anything else touches the database. Startup beans that use the
 * database declare {@code @DependsOn("DatabaseMigrator")}.
 *
 * <p>Liberty's EJB persistent-timer tables may already sit in the schema when this runs (the EJB
 * container creates them at module start), so a schema with tables but no Flyway history is
 * baselined at version 0 and then migrated from V1: Lineup's own tables are always created by its
 * migrations.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {
  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** How long to wait for the database at start. */
  static final Variable<Long> STARTUP_WAIT =
      Variable.whole("DB_STARTUP_WAIT_SECONDS", "60", 0, 86_400, "seconds");

  private volatile String schemaVersion;

  @PostConstruct
  void migrate() {
    awaitDatabase(Duration.ofSeconds(STARTUP_WAIT.value()));
    MigrateResult result = migrate(dataSource);
    if (result.migrationsExecuted == 0 && result.targetSchemaVersion == null) {
      schemaVersion = result.initialSchemaVersion;
    } else {
      schemaVersion = result.targetSchemaVersion;
    }
    LOG.info(
        () ->
            "Database schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }

  /**
   * Migrations that were edited after they had landed, before {@code MigrationsTest} froze landed
   * migrations (issue 15): a database that applied their first text has other checksums recorded,
   * and Flyway would refuse to start on it. Their schema effect is the same, so the recorded
   * checksums are realigned.
   */
  static final Set<String> EDITED_AFTER_LANDING = Set.of("4", "6");

  /** Migrates the database behind {@code dataSource} to the newest schema. */
  static MigrateResult migrate(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure(DatabaseMigrator.class.getClassLoader())
            .dataSource(dataSource)
            // Flyway cannot list classpath folders inside Liberty; the marker file
            // db/migration/flyway.location makes it find them (db/callback has one too, so the
            // default callback scan stays quiet), and a missing folder fails loudly.
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load();
    realignEditedChecksums(flyway);
    return flyway.migrate();
  }

  /**
   * Realigns the recorded checksums when the only mismatches are of {@link #EDITED_AFTER_LANDING};
   * any other mismatch is left for {@code migrate} to refuse, loudly.
   */
  private static void realignEditedChecksums(Flyway flyway) {
    List<String> mismatched;
    try {
      mismatched =
          flyway.validateWithResult().invalidMigrations.stream()
              .filter(m -> m.errorDetails != null)
              .filter(m -> m.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH)
              .map(m -> m.version)
              .toList();
    } catch (FlywayException e) {
      return; // an empty or new schema: nothing recorded to realign
    }
    if (!mismatched.isEmpty() && EDITED_AFTER_LANDING.containsAll(mismatched)) {
      LOG.warning(
          "Realigning the recorded checksums of migration(s) "
              + mismatched
              + ", edited after they had landed; the schema they made is the same");
      flyway.repair();
    }
  }

  /** The schema version after startup, or null while migrations have not completed. */
  public String schemaVersion() {
    return schemaVersion;
  }

  private void awaitDatabase(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        if (connection.isValid(5)) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "MariaDB is not reachable after "
                  + patience.toSeconds()
                  + " s. Without DB_HOST or DATABASE_URL Lineup expects the embedded database"
                  + " started by `./mvnw -Prun`; otherwise check DB_HOST, DB_PORT, DB_NAME and"
                  + " DB_USER. Cause: "
                  + e.getMessage(),
              e);
        }
        LOG.info("Waiting for MariaDB: " + e.getMessage());
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for MariaDB", e);
      }
    }
  }
}
