package dev.lineup.playlist.entity;

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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A saved playlist: which accounts and tags it takes, how it numbers and groups channels, and the
 * secret token of its player URLs ({@code /p/{token}/playlist.m3u}).
 */
@Entity
@Table(name = "playlist_configs")
@NamedQuery(name = PlaylistConfig.ALL, query = "SELECT p FROM PlaylistConfig p ORDER BY p.name")
public class PlaylistConfig extends Timestamped {
  public static final String ALL = "PlaylistConfig.all";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Where a channel's number comes from: the provider's {@code num}, counting from the start
   * number, counting within each group (a group starts at the next free hundred), or nowhere.
   */
  public enum Numbering {
    PROVIDER,
    SEQUENTIAL,
    GROUP,
    NONE,
    /** Each channel keeps the number it got when it first appeared (see PinnedNumbers). */
    PINNED
  }

  /** The channels' order: by name, by the provider's number, or by group (then name). */
  public enum OrderBy {
    NAME,
    NUMBER,
    GROUP
  }

  /**
   * Where a player's stream URLs lead: through Lineup's relay ({@code /s/{token}/{channel}.ts}, the
   * provider's login hidden and its connection limit kept), or straight to the provider's URL.
   */
  public enum StreamMode {
    PROXY,
    REDIRECT
  }

  /** What a channel's group-title is. */
  public enum GroupBy {
    CATEGORY,
    FIRST_TAG,
    ACCOUNT
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(length = 1000)
  private String description;

  @Column(name = "include_accounts", nullable = false)
  private String includeAccounts = "";

  @Column(name = "exclude_accounts", nullable = false)
  private String excludeAccounts = "";

  @Column(name = "include_tags", nullable = false)
  private String includeTags = "";

  @Column(name = "exclude_tags", nullable = false)
  private String excludeTags = "";

  @Column(name = "tag_match", nullable = false)
  private String tagMatch = "any";

  @Column(name = "apply_filters", nullable = false)
  private boolean applyFilters = true;

  @Column(nullable = false)
  private String numbering = "provider";

  @Column(name = "start_number", nullable = false)
  private int startNumber = 1;

  @Column(name = "group_by", nullable = false)
  private String groupBy = "category";

  @Column(name = "order_by", nullable = false)
  private String orderBy = "name";

  @Column(name = "account_suffix", nullable = false)
  private boolean accountSuffix = true;

  @Column(name = "merge_duplicates", nullable = false)
  private boolean mergeDuplicates;

  /** New playlists relay (V20 left the ones made before on redirect). */
  @Column(name = "stream_mode", nullable = false, length = 16)
  private String streamMode = "proxy";

  private boolean enabled = true;

  @Column(nullable = false, length = 64)
  private String token;

  public PlaylistConfig() {
    rotateToken();
  }

  /** The playlist with this id; a 404 problem when there is none. */
  public static PlaylistConfig require(EntityManager em, long id) {
    return Entities.require(em, PlaylistConfig.class, id, "Playlist");
  }

  /**
   * A 409 problem (naming the field) when another playlist than {@code exceptId} (-1: none) has
   * this name.
   */
  public static void requireUniqueName(EntityManager em, String name, long exceptId) {
    Entities.requireUniqueName(em, PlaylistConfig.class, name, exceptId, "A playlist");
  }

  /**
   * The config whose secret is {@code token}. Every config's token is compared in constant time
   * ({@link MessageDigest#isEqual}), and all of them always, so the answer's timing says nothing
   * about how close a guess was (there are a handful of configs; the table is read whole).
   */
  public static Optional<PlaylistConfig> byToken(EntityManager em, String token) {
    byte[] wanted = token.getBytes(StandardCharsets.UTF_8);
    PlaylistConfig found = null;
    for (PlaylistConfig config : em.createNamedQuery(ALL, PlaylistConfig.class).getResultList()) {
      if (MessageDigest.isEqual(wanted, config.token.getBytes(StandardCharsets.UTF_8))) {
        found = config;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A new secret: 32 random bytes, URL-safe (43 characters). The old URLs stop working. */
  public void rotateToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The form of a token: what {@link #rotateToken} makes, or an older one of 20 to 64 characters.
   */
  public static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{20,64}");

  /**
   * Takes a token from a backup, so the player URLs made before keep working.
   *
   * @throws IllegalArgumentException when it is not of the {@link #TOKEN} form
   */
  public void restoreToken(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("must be 20 to 64 letters, digits, - or _");
    }
    this.token = token;
  }

  public void apply(PlaylistSettings s) {
    name = s.name();
    description = s.description();
    includeAccounts = join(s.includeAccounts());
    excludeAccounts = join(s.excludeAccounts());
    includeTags = join(s.includeTags());
    excludeTags = join(s.excludeTags());
    tagMatch = s.matchAll() ? "all" : "any";
    applyFilters = s.applyFilters();
    numbering = s.numbering().name().toLowerCase(Locale.ROOT);
    startNumber = s.startNumber();
    groupBy = s.groupBy().name().toLowerCase(Locale.ROOT);
    orderBy = s.orderBy().name().toLowerCase(Locale.ROOT);
    accountSuffix = s.accountSuffix();
    mergeDuplicates = s.mergeDuplicates();
    if (s.streamMode() != null) { // absent from a request: kept
      streamMode = s.streamMode().name().toLowerCase(Locale.ROOT);
    }
    enabled = s.enabled();
  }

  public PlaylistSettings settings() {
    return new PlaylistSettings(
        name,
        description,
        ids(includeAccounts),
        ids(excludeAccounts),
        names(includeTags),
        names(excludeTags),
        "all".equals(tagMatch),
        applyFilters,
        Numbering.valueOf(numbering.toUpperCase(Locale.ROOT)),
        startNumber,
        GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT)),
        OrderBy.valueOf(orderBy.toUpperCase(Locale.ROOT)),
        accountSuffix,
        mergeDuplicates,
        StreamMode.valueOf(streamMode.toUpperCase(Locale.ROOT)),
        enabled,
        id);
  }

  private static String join(Set<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static Set<Long> ids(String list) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String part : names(list)) {
      ids.add(Long.parseLong(part));
    }
    return ids;
  }

  private static Set<String> names(String list) {
    return list == null || list.isBlank()
        ? new LinkedHashSet<>()
        : Arrays.stream(list.split(","))
            .filter(s -> !s.isBlank())
            .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String token() {
    return token;
  }

  public boolean enabled() {
    return enabled;
  }

  public String description() {
    return description;
  }

  /**
   * The settings as the API shows and takes them; {@code configId} is the stored config's id (null
   * for settings not stored, such as an account's own playlist). {@code streamMode} is null in a
   * request that leaves it as it is.
   */
  public record PlaylistSettings(
      String name,
      String description,
      Set<Long> includeAccounts,
      Set<Long> excludeAccounts,
      Set<String> includeTags,
      Set<String> excludeTags,
      boolean matchAll,
      boolean applyFilters,
      Numbering numbering,
      int startNumber,
      GroupBy groupBy,
      OrderBy orderBy,
      boolean accountSuffix,
      boolean mergeDuplicates,
      StreamMode streamMode,
      boolean enabled,
      Long configId) {
    /** Whether players get Lineup's relayed stream URLs. */
    public boolean relayed() {
      return streamMode == StreamMode.PROXY;
    }
  }
}
