package dev.lineup.access.entity;

import dev.lineup.platform.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The one person who administers Lineup. Created by the first-run setup page; the password is kept
 * as a {@link PasswordHash} (PBKDF2) and the session epoch ends every session when it is raised.
 */
@Entity
@Table(name = "admins")
public class Admin extends Timestamped {
  /** The only row's id: there is one admin. */
  public static final short ID = 1;

  /** Shortest password the setup page and a password change accept. */
  public static final int MIN_PASSWORD = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id private Short id = ID;

  @Column(nullable = false, length = 64)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(name = "session_epoch", nullable = false)
  private int sessionEpoch;

  protected Admin() {}

  /**
   * A new admin. The session epoch starts at a random number, so the cookies of an admin removed by
   * {@code RESET_ADMIN} do not fit the next one.
   */
  public Admin(String username, String password, PasswordHash hash) {
    this.username = username;
    this.passwordHash = hash.generate(password.toCharArray());
    this.sessionEpoch = RANDOM.nextInt(1 << 30);
  }

  /** The admin, if the setup page has been used. */
  public static Optional<Admin> find(EntityManager em) {
    return Optional.ofNullable(em.find(Admin.class, ID));
  }

  public static boolean exists(EntityManager em) {
    return find(em).isPresent();
  }

  /** Whether the password is the admin's (constant time within the hash comparison). */
  public boolean verify(String password, PasswordHash hash) {
    return hash.verify(password.toCharArray(), passwordHash);
  }

  /** A new password; every session signed before it ends. */
  public void changePassword(String password, PasswordHash hash) {
    passwordHash = hash.generate(password.toCharArray());
    endSessions();
  }

  /** Ends every session: cookies carry the epoch they were signed in. */
  public void endSessions() {
    sessionEpoch++;
  }

  public String username() {
    return username;
  }

  public int sessionEpoch() {
    return sessionEpoch;
  }
}
