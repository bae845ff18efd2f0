package dev.lineup.account.control;

import dev.lineup.platform.Secrets;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At start, encrypts the provider passwords stored before they were encrypted (issue 8), once. The
 * accounts then read and write them through {@code EncryptedText}.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class PasswordEncryption {
  private static final Logger LOG = Logger.getLogger(PasswordEncryption.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject Secrets secrets;

  @PostConstruct
  void encryptPlainPasswords() {
    try (Connection connection = dataSource.getConnection()) {
      Map<Long, String> plain = new LinkedHashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT id, password FROM accounts WHERE password IS NOT NULL"
                  + " AND LEFT(password, 7) <> ?")) {
        query.setString(1, "enc:v1:");
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            plain.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      if (plain.isEmpty()) {
        return; // (a statement never executed fails to close in Liberty's wrapper over the driver)
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE accounts SET password = ? WHERE id = ?")) {
        for (Map.Entry<Long, String> account : plain.entrySet()) {
          update.setString(1, secrets.encrypt(account.getValue()));
          update.setLong(2, account.getKey());
          update.executeUpdate();
        }
      }
      LOG.info(() -> "Encrypted the stored passwords of " + plain.size() + " accounts");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not encrypt the stored provider passwords", e);
    }
  }
}
