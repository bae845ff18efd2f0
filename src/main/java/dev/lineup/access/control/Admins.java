package dev.lineup.access.control;

import dev.lineup.access.entity.Admin;
import dev.lineup.platform.ClusterEvents;
import dev.lineup.platform.ClusterEvents.Announcement;
import dev.lineup.platform.FieldError;
import dev.lineup.platform.ProblemException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The admin's life: created once by setup, a new password, every session ended. Each signed-in
 * request asks whether its session's epoch is still the admin's: the answer is kept for {@link
 * #REMEMBER} and dropped at once by every change made here, so sign-out and a new password take
 * effect immediately.
 */
@ApplicationScoped
public class Admins {
  private static final Logger LOG = Logger.getLogger(Admins.class.getName());
  static final Duration REMEMBER = Duration.ofSeconds(5);

  @PersistenceContext EntityManager em;
  @Inject ClusterEvents cluster;
  @Inject AdminPasswords passwords;
  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** The admin's name and session epoch as last read. */
  record Current(String username, int epoch) {}

  private final Remembered<Short, Current> current = new Remembered<>(REMEMBER, 1);

  /** The admin's name, if a session signed at {@code epoch} is still theirs. */
  public Optional<String> sessionHolder(int epoch) {
    return current
        .get(Admin.ID, id -> read())
        .filter(known -> known.epoch() == epoch)
        .map(Current::username);
  }

  /** The admin's row as committed now (JDBC: no persistence context can hand back an old copy). */
  Optional<Current> read() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT username, session_epoch FROM admins WHERE id = " + Admin.ID);
        ResultSet row = query.executeQuery()) {
      return row.next()
          ? Optional.of(new Current(row.getString(1), row.getInt(2)))
          : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the admin", e);
    }
  }

  /**
   * Forgets the remembered admin once the current transaction has ended (committed or not), and
   * with it any read that was in flight meanwhile ({@link Remembered}).
   */
  private void forgetAfterCommit() {
    current.forgetAfterCommit(transactions, () -> cluster.announce(ApiTokens.ACCESS, null, null));
  }

  void forgetRemembered() {
    current.forget();
  }

  /** Another server signed the admin out or changed the password: read the admin again. */
  void othersChanged(@Observes Announcement announcement) {
    if (announcement.is(ApiTokens.ACCESS)) {
      current.forget();
    }
  }

  public Optional<Admin> find() {
    return Admin.find(em);
  }

  public boolean exists() {
    return Admin.exists(em);
  }

  /**
   * The first-run setup: creates the admin.
   *
   * @throws ProblemException 422 for a bad username or password, 409 when there is an admin already
   */
  @Transactional
  public Admin create(String username, String password, String confirmation) {
    List<FieldError> errors = new ArrayList<>();
    String name = username == null ? "" : username.strip();
    if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(c -> c > 32 && c != 127)) {
      errors.add(new FieldError("username", "must be 1 to 64 characters, without spaces"));
    }
    errors.addAll(checkPassword("password", password, confirmation));
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    if (Admin.exists(em)) {
      throw ProblemException.conflict("Lineup has an admin already: sign in at /login.");
    }
    Admin admin = new Admin(name, password, passwords.hash());
    em.persist(admin);
    em.flush();
    forgetAfterCommit();
    LOG.info(() -> "Created the admin " + name);
    return admin;
  }

  /**
   * A new password, after the current one is given; every session ends (the caller signs this
   * browser in again).
   */
  @Transactional
  public Admin changePassword(String current, String password, String confirmation) {
    Admin admin = Admin.find(em).orElseThrow(() -> ProblemException.notFound("Admin", "account"));
    List<FieldError> errors = new ArrayList<>();
    if (current == null || !admin.verify(current, passwords.hash())) {
      errors.add(new FieldError("current_password", "is not the current password"));
    }
    errors.addAll(checkPassword("new_password", password, confirmation));
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    admin.changePassword(password, passwords.hash());
    forgetAfterCommit();
    LOG.info("The admin password was changed; every session ended");
    return admin;
  }

  /** Ends every session of the admin (sign out everywhere). */
  @Transactional
  public void endSessions() {
    Admin.find(em).ifPresent(Admin::endSessions);
    forgetAfterCommit();
  }

  private static List<FieldError> checkPassword(
      String field, String password, String confirmation) {
    List<FieldError> errors = new ArrayList<>();
    if (password == null || password.length() < Admin.MIN_PASSWORD) {
      errors.add(
          new FieldError(field, "must be at least " + Admin.MIN_PASSWORD + " characters long"));
    } else if (password.length() > 1024) {
      errors.add(new FieldError(field, "must be at most 1024 characters long"));
    } else if (confirmation != null && !confirmation.equals(password)) {
      errors.add(new FieldError("confirmation", "does not match the password"));
    }
    return errors;
  }
}
