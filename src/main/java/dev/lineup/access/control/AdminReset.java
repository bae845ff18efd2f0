package dev.lineup.access.control;

import dev.lineup.platform.Variable;
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
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The admin at start. The way back in after a forgotten password: started with {@code
 * RESET_ADMIN=true}, Lineup removes the admin (ending every session), so the setup page creates a
 * new one. Accounts, playlists and API tokens are kept. The reset is remembered in the settings
 * table ({@value #MARK}): while {@code RESET_ADMIN} stays set, an admin created after it is kept (a
 * warning asks to unset the variable), so a restart does not reopen setup to whoever comes first.
 * Starting without the variable forgets the mark. Then, with no admin, the setup code is logged.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminReset {
  private static final Logger LOG = Logger.getLogger(AdminReset.class.getName());

  /** The settings row that remembers when RESET_ADMIN last removed the admin (UTC). */
  static final String MARK = "admin_reset_at";

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject SetupCode setupCode;

  /** RESET_ADMIN: true removes the admin at start (once; see the class comment). */
  public static final Variable<Boolean> RESET = Variable.flag("RESET_ADMIN", "false");

  /** What to do at start. */
  enum Action {
    /** No reset asked, none remembered. */
    NOTHING,
    /** RESET_ADMIN is gone: forget the remembered reset. */
    FORGET_MARK,
    /** RESET_ADMIN is new: remove the admin and remember when. */
    REMOVE_AND_MARK,
    /** RESET_ADMIN is still set and the admin predates the remembered reset: remove it. */
    REMOVE,
    /** RESET_ADMIN is still set, and the admin was created after the reset: keep it. */
    KEEP_NEW_ADMIN,
    /** RESET_ADMIN is still set, and nobody has set up a new admin yet. */
    AWAIT_SETUP
  }

  /**
   * @param mark when RESET_ADMIN last removed the admin, or null
   * @param adminCreated when the admin was created, or null when there is none
   */
  static Action decide(boolean reset, LocalDateTime mark, LocalDateTime adminCreated) {
    if (!reset) {
      return mark == null ? Action.NOTHING : Action.FORGET_MARK;
    }
    if (mark == null) {
      return Action.REMOVE_AND_MARK;
    }
    if (adminCreated == null) {
      return Action.AWAIT_SETUP;
    }
    // created_at has whole seconds: an admin made in the second of the reset came after it
    return adminCreated.isBefore(mark) ? Action.REMOVE : Action.KEEP_NEW_ADMIN;
  }

  @PostConstruct
  void atStart() {
    boolean asked = RESET.value();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      LocalDateTime mark = timestamp(connection, "SELECT value FROM settings WHERE name = ?", MARK);
      LocalDateTime created =
          timestamp(connection, "SELECT created_at FROM admins WHERE id = ?", (short) 1);
      Action action = decide(asked, mark, created);
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
      switch (action) {
        case NOTHING -> {}
        case FORGET_MARK -> update(connection, "DELETE FROM settings WHERE name = ?", MARK);
        case REMOVE_AND_MARK -> {
          update(connection, "DELETE FROM admins");
          update(
              connection,
              "INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)",
              MARK,
              now.toString(),
              Timestamp.valueOf(now));
        }
        case REMOVE -> update(connection, "DELETE FROM admins");
        case KEEP_NEW_ADMIN, AWAIT_SETUP -> {}
      }
      connection.commit();
      switch (action) {
        case REMOVE_AND_MARK, REMOVE ->
            LOG.warning(
                created == null
                    ? "RESET_ADMIN=true, but there was no admin to remove; unset RESET_ADMIN"
                    : "RESET_ADMIN=true: removed the admin; create a new one on the setup page,"
                        + " then unset RESET_ADMIN");
        case KEEP_NEW_ADMIN ->
            LOG.warning(
                "RESET_ADMIN=true is still set: the admin created after the reset of "
                    + mark
                    + " UTC is kept. Unset RESET_ADMIN (to reset again later, start once without"
                    + " it, then once with it).");
        case AWAIT_SETUP ->
            LOG.warning(
                "RESET_ADMIN=true is still set: nobody has created the new admin since the reset of "
                    + mark
                    + " UTC; unset RESET_ADMIN once they have.");
        case FORGET_MARK -> LOG.info("RESET_ADMIN is unset: the remembered admin reset is cleared");
        case NOTHING -> {}
      }
      boolean noAdmin =
          created == null || action == Action.REMOVE_AND_MARK || action == Action.REMOVE;
      if (noAdmin) {
        setupCode.announce();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not check the admin at start", e);
    }
  }

  private static LocalDateTime timestamp(Connection connection, String sql, Object key)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, key);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        Object value = row.getObject(1);
        if (value instanceof String text) {
          try {
            return LocalDateTime.parse(text);
          } catch (java.time.format.DateTimeParseException e) {
            return LocalDateTime.MIN; // an unreadable mark: treat it as long ago
          }
        }
        return row.getObject(1, LocalDateTime.class);
      }
    }
  }

  private static void update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        update.setObject(i + 1, values[i]);
      }
      update.executeUpdate();
    }
  }
}
