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
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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
    MigrateResult result =
        Flyway.configure(DatabaseMigrator.class.getClassLoader())
            .dataSource(dataSource)
            // Flyway cannot list classpath folders inside Liberty; the marker file
            // db/migration/flyway.location makes it find them (db/callback has one too, so the
            // default callback scan stays quiet), and a missing folder fails loudly.
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
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
