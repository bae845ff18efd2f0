package dev.lineup.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and the migrations have completed. Says which database node this
 * server uses ({@code @@hostname:@@port}, its version, and on Galera the node's name and state), so
 * servers behind a load balancer can be told apart.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject DatabaseMigrator migrator;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    String version = migrator.schemaVersion();
    response.withData("schema_version", version == null ? "not migrated" : version);
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(2);
      response.withData("connection", valid ? "ok" : "invalid");
      if (valid) {
        node(connection, response);
      }
      return response.status(valid && version != null).build();
    } catch (SQLException e) {
      return response.withData("connection", "failed: " + e.getMessage()).down().build();
    }
  }

  private static void node(Connection connection, HealthCheckResponseBuilder response)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT CONCAT(@@hostname, ':', @@port), VERSION()")) {
      rs.next();
      response.withData("node", rs.getString(1)).withData("version", rs.getString(2));
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                    + " WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT', 'WSREP_CLUSTER_SIZE')"
                    + " UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                    + " information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME = 'WSREP_NODE_NAME'"
                    + " AND (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                    + " WHERE VARIABLE_NAME = 'WSREP_ON') = 'ON'")) {
      while (rs.next()) {
        response.withData(rs.getString(1), rs.getString(2));
      }
    }
  }
}
