package dev.lineup.xtream.entity;

import dev.lineup.platform.Entities;
import dev.lineup.platform.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A login for Xtream Codes players (TiviMate, IPTV Smarters, …): a username and password that give
 * one playlist config's channels. The password is kept as a {@link PasswordHash} (PBKDF2).
 * Usernames are unique whatever their case, and a sign-in matches them exactly.
 */
@Entity
@Table(name = "xtream_users")
@NamedQuery(name = XtreamUser.ALL, query = "SELECT u FROM XtreamUser u ORDER BY u.username")
@NamedQuery(
    name = XtreamUser.BY_USERNAME,
    query = "SELECT u FROM XtreamUser u WHERE u.username = :username")
@NamedQuery(
    name = XtreamUser.COUNT_BY_PLAYLIST,
    query = "SELECT COUNT(u) FROM XtreamUser u WHERE u.playlistId = :playlist")
public class XtreamUser extends Timestamped {
  public static final String ALL = "XtreamUser.all";
  static final String BY_USERNAME = "XtreamUser.byUsername";
  static final String COUNT_BY_PLAYLIST = "XtreamUser.countByPlaylist";

  /**
   * What a username and a password may hold: they go into stream URLs as path segments ({@code
   * /live/{user}/{pass}/1.ts}), where '/', '?', '%' or a space would break a player.
   */
  public static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

  /** Letters and digits people can read off a screen and type with a remote (no 0/O, 1/l/I). */
  private static final String READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 64)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(name = "playlist_id", nullable = false)
  private long playlistId;

  @Column(name = "max_connections", nullable = false)
  private int maxConnections = 1;

  @Column(name = "expires_at")
  private LocalDateTime expiresAt;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "last_used_at")
  private LocalDateTime lastUsedAt;

  @Column(name = "last_address", length = 64)
  private String lastAddress;

  protected XtreamUser() {}

  public XtreamUser(String username, String password, PasswordHash hash) {
    this.username = username;
    this.passwordHash = hash.generate(password.toCharArray());
  }

  /**
   * The form of a stored password hash (Jakarta Security's PBKDF2: algorithm:iterations:salt:hash).
   */
  public static final Pattern HASH =
      Pattern.compile(
          "PBKDF2WithHmacSHA(?:224|256|384|512):\\d{1,7}:[A-Za-z0-9+/=]{8,200}:[A-Za-z0-9+/=]{8,200}");

  /**
   * A user restored from a backup: its password hash as it was, so its players keep signing in.
   *
   * @throws IllegalArgumentException when the hash is not of the {@link #HASH} form
   */
  public static XtreamUser restored(String username, String passwordHash) {
    if (passwordHash == null || !HASH.matcher(passwordHash).matches()) {
      throw new IllegalArgumentException("is not a password hash Lineup made");
    }
    XtreamUser user = new XtreamUser();
    user.username = username;
    user.passwordHash = passwordHash;
    return user;
  }

  /** Takes the password hash from a backup (see {@link #restored}). */
  public void restoreHash(String passwordHash) {
    if (passwordHash == null || !HASH.matcher(passwordHash).matches()) {
      throw new IllegalArgumentException("is not a password hash Lineup made");
    }
    this.passwordHash = passwordHash;
  }

  /** A password of 16 readable characters (about 93 bits). */
  public static String generatePassword() {
    StringBuilder password = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      password.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
    }
    return password.toString();
  }

  /** The user whose username is exactly {@code username} (the index finds it whatever its case). */
  public static Optional<XtreamUser> byUsername(EntityManager em, String username) {
    return em.createNamedQuery(BY_USERNAME, XtreamUser.class)
        .setParameter("username", username)
        .getResultStream()
        .filter(u -> u.username.equals(username))
        .findFirst();
  }

  /** Whether another user has this username, whatever its case. */
  public static boolean taken(EntityManager em, String username, long exceptId) {
    return em.createNamedQuery(BY_USERNAME, XtreamUser.class)
        .setParameter("username", username)
        .getResultStream()
        .anyMatch(u -> u.id != exceptId);
  }

  public static long countByPlaylist(EntityManager em, long playlistId) {
    return em.createNamedQuery(COUNT_BY_PLAYLIST, Long.class)
        .setParameter("playlist", playlistId)
        .getSingleResult();
  }

  public static List<XtreamUser> all(EntityManager em) {
    return em.createNamedQuery(ALL, XtreamUser.class).getResultList();
  }

  public static XtreamUser require(EntityManager em, long id) {
    return Entities.require(em, XtreamUser.class, id, "Xtream user");
  }

  public boolean verify(String password, PasswordHash hash) {
    return hash.verify(password.toCharArray(), passwordHash);
  }

  public void changePassword(String password, PasswordHash hash) {
    passwordHash = hash.generate(password.toCharArray());
  }

  /** What a player signing in now is told: Active, Disabled or Expired. */
  public String status(Instant now) {
    if (!enabled) {
      return "Disabled";
    }
    return expired(now) ? "Expired" : "Active";
  }

  public boolean expired(Instant now) {
    return expiresAt != null && !expiresAt.toInstant(ZoneOffset.UTC).isAfter(now);
  }

  /** Whether a player may use the data actions now. */
  public boolean active(Instant now) {
    return enabled && !expired(now);
  }

  public void apply(
      String username, long playlistId, int maxConnections, Instant expiresAt, boolean enabled) {
    this.username = username;
    this.playlistId = playlistId;
    this.maxConnections = maxConnections;
    this.expiresAt = expiresAt == null ? null : LocalDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
    this.enabled = enabled;
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  /** The stored hash: a cache of checked passwords is only valid while it stays the same. */
  public String passwordHash() {
    return passwordHash;
  }

  public long playlistId() {
    return playlistId;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public Instant expiresAt() {
    return expiresAt == null ? null : expiresAt.toInstant(ZoneOffset.UTC);
  }

  public boolean enabled() {
    return enabled;
  }

  public LocalDateTime lastUsedAt() {
    return lastUsedAt;
  }

  public String lastAddress() {
    return lastAddress;
  }
}
