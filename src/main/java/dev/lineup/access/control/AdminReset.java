package dev.lineup.access.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The way back in after a forgotten password: started with {@code RESET_ADMIN=true}, Lineup removes
 * the admin (ending every session), so the next visitor of the UI gets the setup page. Accounts,
 * playlists and API tokens are kept. Remove the variable again afterwards.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminReset {
  private static final Logger LOG = Logger.getLogger(AdminReset.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "RESET_ADMIN", defaultValue = "false")
  boolean reset;

  @PostConstruct
  void resetIfAsked() {
    if (!reset) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement delete = connection.createStatement()) {
      int removed = delete.executeUpdate("DELETE FROM admins");
      LOG.warning(
          removed > 0
              ? "RESET_ADMIN=true: removed the admin; open the web UI to create a new one, and"
                  + " unset RESET_ADMIN"
              : "RESET_ADMIN=true, but there was no admin to remove; unset RESET_ADMIN");
    } catch (SQLException e) {
      throw new IllegalStateException("RESET_ADMIN: could not remove the admin", e);
    }
  }
}
