package dev.lineup.account.control;

import dev.lineup.platform.Crypto;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At start, encrypts the account secrets stored before they were encrypted, once: passwords (issue
 * 8), server, guide and provider guide URLs (issue 14). The accounts then read and write them
 * through {@code EncryptedText}, which reads a value stored before encryption as it is.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class PlaintextSecretsMigration {
  private static final Logger LOG = Logger.getLogger(PlaintextSecretsMigration.class.getName());

  /** The accounts' columns that hold secrets (or may: a URL with credentials in it). */
  static final List<String> COLUMNS =
      List.of("password", "server_url", "epg_url", "provider_epg_url");

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject Crypto secrets;

  @PostConstruct
  void encryptPlainValues() {
    try (Connection connection = dataSource.getConnection()) {
      int encrypted = encryptPlainValues(connection, secrets);
      if (encrypted > 0) {
        LOG.info(() -> "Encrypted " + encrypted + " stored account secrets (passwords and URLs)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not encrypt the stored account secrets", e);
    }
  }

  /** Encrypts every value of {@link #COLUMNS} still stored in plain text; returns how many. */
  public static int encryptPlainValues(Connection connection, Crypto secrets) throws SQLException {
    int encrypted = 0;
    for (String column : COLUMNS) {
      List<Object[]> plain = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT id, "
                  + column
                  + " FROM accounts WHERE "
                  + column
                  + " IS NOT NULL AND LEFT("
                  + column
                  + ", 7) <> ?")) {
        query.setString(1, "enc:v1:");
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            plain.add(new Object[] {rs.getLong(1), rs.getString(2)});
          }
        }
      }
      if (plain.isEmpty()) {
        continue; // (a statement never executed fails to close in Liberty's wrapper over the
        // driver)
      }
      // Only a value still as it was read is replaced: a value written meanwhile is kept.
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE accounts SET "
                  + column
                  + " = ? WHERE id = ? AND BINARY "
                  + column
                  + " = BINARY ?")) {
        for (Object[] value : plain) {
          update.setString(1, secrets.encrypt((String) value[1]));
          update.setLong(2, (Long) value[0]);
          update.setString(3, (String) value[1]);
          encrypted += update.executeUpdate();
        }
      }
    }
    return encrypted;
  }
}
