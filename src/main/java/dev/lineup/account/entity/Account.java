package dev.lineup.account.entity;

import dev.lineup.platform.Entities;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A user's subscription with one IPTV provider. The password is write-only: it is stored to talk to
 * the provider and never leaves Lineup through the API, logs or {@link #toString()}. The password
 * and the URLs (which may carry credentials, like an M3U playlist's {@code get.php?password=…}) are
 * stored encrypted ({@link EncryptedText}); the entity holds them plain, in memory only.
 */
@Entity
@Table(name = "accounts")
@NamedQuery(name = Account.ALL, query = "SELECT a FROM Account a ORDER BY a.name, a.id")
public class Account extends Timestamped {
  public static final String ALL = "Account.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "provider_type", nullable = false, length = 16)
  private ProviderType providerType = ProviderType.XTREAM;

  @Convert(converter = EncryptedText.class)
  @Column(name = "server_url", nullable = false)
  private String serverUrl;

  private String username;

  @Convert(converter = EncryptedText.class)
  private String password;

  private boolean enabled = true;

  @Column(name = "sync_interval_hours")
  private Integer syncIntervalHours;

  @Convert(converter = EncryptedText.class)
  @Column(name = "epg_url")
  private String epgUrl;

  /** Written by the sync (an M3U playlist's x-tvg-url, encrypted), never by the entity. */
  @Convert(converter = EncryptedText.class)
  @Column(name = "provider_epg_url", insertable = false, updatable = false)
  private String providerEpgUrl;

  /** Written by the connection test (the provider's user_info.max_connections), or null. */
  @Column(name = "provider_max_connections", insertable = false, updatable = false)
  private Integer providerMaxConnections;

  /** A person's cap on the relay's streams at once, or null (the provider's figure). */
  @Column(name = "max_connections")
  private Integer maxConnections;

  protected Account() {}

  public Account(AccountSettings settings) {
    apply(settings);
  }

  /**
   * The account with this id.
   *
   * @throws ProblemException 404 when there is none
   */
  public static Account require(EntityManager em, long id) {
    return Entities.require(em, Account.class, id, "Account");
  }

  /**
   * Fails with a 409 when another account than {@code exceptId} (-1: none) has this name.
   *
   * @throws ProblemException 409 naming the field
   */
  public static void requireUniqueName(EntityManager em, String name, long exceptId) {
    Entities.requireUniqueName(em, Account.class, name, exceptId, "An account");
  }

  /** Replaces every user-editable setting; a null password keeps the stored one. */
  public void apply(AccountSettings settings) {
    this.name = settings.name();
    this.providerType = settings.providerType();
    this.serverUrl = settings.server().value();
    this.username = settings.username();
    if (settings.password() != null) {
      this.password = settings.password();
    }
    this.enabled = settings.enabled();
    this.syncIntervalHours = settings.syncIntervalHours();
    this.epgUrl = settings.epgUrl() == null ? null : settings.epgUrl().value();
    this.maxConnections = settings.maxConnections();
  }

  /** The settings as they stand, without the password (for merging a partial update). */
  public AccountSettings settings() {
    return new AccountSettings(
        name,
        providerType,
        providerType.server(serverUrl),
        username,
        null,
        enabled,
        syncIntervalHours,
        epgUrl == null ? null : ServerUrl.playlist(epgUrl),
        maxConnections);
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ProviderType providerType() {
    return providerType;
  }

  /** The server URL with any credentials in it hidden: fit for responses and logs. */
  public String maskedServer() {
    return providerType.server(serverUrl).masked();
  }

  public String serverUrl() {
    return serverUrl;
  }

  public String username() {
    return username;
  }

  /** Only for talking to the provider; never put it in a response, a log line or a message. */
  public String password() {
    return password;
  }

  public boolean hasPassword() {
    return password != null && !password.isEmpty();
  }

  public boolean enabled() {
    return enabled;
  }

  public Integer syncIntervalHours() {
    return syncIntervalHours;
  }

  /** The guide URL the user set (it may hold credentials: mask it before showing it), or null. */
  public String epgUrl() {
    return epgUrl;
  }

  /** The connections the provider allows, as its last connection test said; null if unknown. */
  public Integer providerMaxConnections() {
    return providerMaxConnections;
  }

  /** The cap a person set on the relay's streams at once, or null. */
  public Integer maxConnections() {
    return maxConnections;
  }

  /**
   * How many streams the relay may open on this account at once: the person's cap, else the
   * provider's (when it gave a positive one), else null (no limit).
   */
  public Integer connectionLimit() {
    if (maxConnections != null) {
      return maxConnections;
    }
    return providerMaxConnections != null && providerMaxConnections > 0
        ? providerMaxConnections
        : null;
  }

  /** The guide URL the M3U playlist named at the last sync, or null. */
  public String providerEpgUrl() {
    return providerEpgUrl;
  }

  /** A guide URL with any credentials in its query hidden, or null. */
  public static String masked(String url) {
    try {
      return url == null ? null : ServerUrl.playlist(url).masked();
    } catch (ServerUrl.InvalidServerUrl e) {
      return null;
    }
  }

  @Override
  public String toString() {
    // Logged: only the host, since a playlist URL may carry credentials in its path (/USER/PASS/).
    String host;
    try {
      host = java.net.URI.create(serverUrl == null ? "" : serverUrl.strip()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    return "Account[id=" + id + ", name=" + name + ", host=" + host + "]";
  }
}
