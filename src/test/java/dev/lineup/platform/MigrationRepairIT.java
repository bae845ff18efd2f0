package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lineup.support.Db;
import dev.lineup.support.Tools;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A database that applied V4 and V6 before they were edited (issue 15) still starts: their recorded
 * checksums are realigned. Any other landed migration that no longer matches its file still stops
 * the start. Runs Lineup's migrations into a schema of its own on the tests' MariaDB.
 */
class MigrationRepairIT {
  private static final String SCHEMA = "lineup_migration_repair";
  private MariaDbDataSource dataSource;

  @BeforeEach
  void freshSchema() throws SQLException {
    Tools.need(
        (System.getenv("DB_HOST") == null || System.getenv("DB_HOST").isBlank())
            && System.getenv("DATABASE_URL") == null,
        "the tests' own embedded MariaDB (a schema of its own is created there)");
    run("DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA);
    String url =
        System.getProperty("lineup.it.jdbcUrl", "jdbc:mariadb://127.0.0.1:33307/lineup")
            .replaceFirst("/lineup$", "/" + SCHEMA);
    dataSource = new MariaDbDataSource(url);
    dataSource.setUser("lineup");
    dataSource.setPassword("lineup");
  }

  @AfterEach
  void dropSchema() throws SQLException {
    run("DROP DATABASE IF EXISTS " + SCHEMA);
  }

  @Test
  void checksumsOfTheMigrationsEditedAfterLandingAreRealignedOthersStillStopTheStart()
      throws Exception {
    DatabaseMigrator.migrate(dataSource);
    long v4 = checksum("4");
    long v6 = checksum("6");
    record("4", v4 + 1); // as recorded by a database that ran their first text
    record("6", v6 - 1);

    DatabaseMigrator.migrate(dataSource);
    assertEquals(v4, checksum("4"));
    assertEquals(v6, checksum("6"));

    long v5 = checksum("5");
    record("5", v5 + 1);
    assertThrows(FlywayException.class, () -> DatabaseMigrator.migrate(dataSource));
    assertNotEquals(v5, checksum("5"), "an unexpected mismatch is not realigned");
  }

  private long checksum(String version) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT checksum FROM flyway_schema_history WHERE version = '" + version + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void record(String version, long checksum) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = "
              + checksum
              + " WHERE version = '"
              + version
              + "'");
    }
  }

  private static void run(String... statements) throws SQLException {
    try (Connection c = Db.connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
