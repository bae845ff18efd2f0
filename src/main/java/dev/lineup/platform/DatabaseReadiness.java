package dev.lineup.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and the migrations have completed. */
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
      return response.status(valid && version != null).build();
    } catch (SQLException e) {
      return response.withData("connection", "failed: " + e.getMessage()).down().build();
    }
  }
}
