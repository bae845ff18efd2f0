package dev.lineup.access.entity;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A token for scripts: {@code Authorization: Bearer lu_…}. The token (192 random bits) is shown
 * once, when it is made; only its SHA-256 is stored, so a database dump does not hand out access.
 * Deleting the row revokes it.
 */
@Entity
@Table(name = "api_tokens")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.id")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
public class ApiToken extends Timestamped {
  public static final String ALL = "ApiToken.all";
  static final String BY_HASH = "ApiToken.byHash";
  public static final String PREFIX = "lu_";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(nullable = false, length = 16)
  private String hint;

  @Column(name = "last_used_at")
  private LocalDateTime lastUsedAt;

  /** The token itself: only in memory, on the instance that made it. */
  private transient String token;

  protected ApiToken() {}

  /** A new token named {@code name}; {@link #token()} is its secret, to show once. */
  public static ApiToken create(String name) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    ApiToken created = new ApiToken();
    created.name = name;
    created.token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    created.tokenHash = hash(created.token);
    created.hint = "…" + created.token.substring(created.token.length() - 4);
    return created;
  }

  /** Whether a bearer value can be one of our tokens at all (checked before hashing it). */
  public static boolean wellFormed(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() <= 100;
  }

  /** The token whose SHA-256 is {@code hash} (an indexed lookup). */
  public static Optional<ApiToken> byHash(EntityManager em, String hash) {
    return em.createNamedQuery(BY_HASH, ApiToken.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst();
  }

  /** The token with this id, else a 404 problem. */
  public static ApiToken require(EntityManager em, long id) {
    return Entities.require(em, ApiToken.class, id, "API token");
  }

  public static List<ApiToken> all(EntityManager em) {
    return em.createNamedQuery(ALL, ApiToken.class).getResultList();
  }

  /** The SHA-256 of a token, hex: what is stored. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String hint() {
    return hint;
  }

  public String token() {
    return token;
  }

  public LocalDateTime lastUsedAt() {
    return lastUsedAt;
  }
}
