package dev.lineup.provider.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records what an Xtream panel's login says about the subscription ({@code account_subscriptions}:
 * status, expiry, connections allowed and in use, trial), at every sync and connection test, and
 * keeps the account's {@code provider_max_connections} (the relay's cap) in step. A refused login
 * ({@code auth:0}) is recorded as such, keeping what was known before.
 */
@ApplicationScoped
public class Subscriptions {
  private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

  /** Failures that say nothing about the subscription: the panel was not reached in time. */
  private static final Set<ProviderException.Kind> UNREACHED =
      Set.of(
          ProviderException.Kind.TIMEOUT,
          ProviderException.Kind.TOO_SLOW,
          ProviderException.Kind.UNREACHABLE,
          ProviderException.Kind.REFUSED_ADDRESS);

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject XtreamClient xtream;

  /**
   * Asks the panel after a sync, in one small request whose failure never fails the sync. Not after
   * a sync that found the panel unreachable, overloaded or asking to wait ({@code failure} says why
   * the sync failed, or null); after a refused login, that refusal is recorded without asking again
   * (panels ban addresses that keep failing to log in).
   */
  public void checkAfterSync(Account account, ProviderException failure) {
    if (account.providerType() != ProviderType.XTREAM) {
      return;
    }
    if (failure != null) {
      if (failure.kind() == ProviderException.Kind.AUTH_REJECTED) {
        refused(account);
        return;
      }
      if (UNREACHED.contains(failure.kind())
          || failure.transientFailure()
          || failure.retryAfterSeconds() > 0) {
        return;
      }
    }
    try {
      record(account, xtream.login(account.serverUrl(), account.username(), account.password()));
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.AUTH_REJECTED) {
        refused(account);
      } else {
        LOG.info(() -> "Subscription check of " + account + " after its sync: " + e.detail());
      }
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              "Subscription check of "
                  + account
                  + " after its sync failed: "
                  + e.getClass().getName());
    }
  }

  /** Records a successful login's user_info. */
  public void record(Account account, XtreamLogin login) {
    XtreamLogin.UserInfo user = login.userInfo();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO account_subscriptions (account_id, status, expires_at,"
                    + " max_connections, active_connections, trial, expiry_unreadable,"
                    + " login_refused, checked_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE"
                    + " status = VALUES(status), expires_at = VALUES(expires_at),"
                    + " expiry_unreadable = VALUES(expiry_unreadable),"
                    + " max_connections = VALUES(max_connections),"
                    + " active_connections = VALUES(active_connections), trial = VALUES(trial),"
                    + " login_refused = FALSE, checked_at = VALUES(checked_at)")) {
      upsert.setLong(1, account.id());
      upsert.setString(2, Text.cut(Text.blankToNull(user.status()), 32));
      upsert.setTimestamp(
          3,
          user.expDate() == null
              ? null
              : Timestamp.valueOf(
                  LocalDateTime.ofInstant(
                      java.time.Instant.parse(user.expDate()), ZoneOffset.UTC)));
      setInteger(upsert, 4, user.maxConnections());
      setInteger(upsert, 5, user.activeCons());
      if (user.isTrial() == null) {
        upsert.setNull(6, Types.BOOLEAN);
      } else {
        upsert.setBoolean(6, user.isTrial());
      }
      upsert.setBoolean(7, user.expDateUnreadable());
      upsert.executeUpdate();
      if (user.maxConnections() != null && user.maxConnections() >= 0) {
        // Prepared only to be run: the driver fails closing a statement never executed.
        try (PreparedStatement limit =
            connection.prepareStatement(
                "UPDATE accounts SET provider_max_connections = ? WHERE id = ?")) {
          limit.setInt(1, user.maxConnections());
          limit.setLong(2, account.id());
          limit.executeUpdate();
        }
      }
    } catch (SQLException e) {
      LOG.warning(() -> "Could not record the subscription of " + account + ": " + e.getMessage());
    }
  }

  /** Records that the panel refused the login, keeping what was known of the subscription. */
  public void refused(Account account) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO account_subscriptions (account_id, login_refused, checked_at)"
                    + " VALUES (?, TRUE, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE"
                    + " login_refused = TRUE, checked_at = VALUES(checked_at)")) {
      upsert.setLong(1, account.id());
      upsert.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "Could not record the refused login of " + account + ": " + e.getMessage());
    }
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null || value < 0) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }
}
