package dev.lineup.epg.entity;

import dev.lineup.account.entity.EncryptedText;
import dev.lineup.account.entity.ServerUrl;
import dev.lineup.platform.Entities;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An XMLTV guide that is not an account's (epgshare01, a local grabber, ...): fetched, stored and
 * refreshed like an account's guide, and matched against every account's channels. Its URL may
 * carry credentials: stored encrypted, shown masked.
 */
@Entity
@Table(name = "guide_sources")
@NamedQuery(
    name = GuideSource.ALL,
    query = "SELECT s FROM GuideSource s ORDER BY s.priority, s.name, s.id")
public class GuideSource extends Timestamped {
  public static final String ALL = "GuideSource.all";

  /** The prefix of a source's guide reference ({@code source:3}) and of its store key. */
  public static final String GUIDE_PREFIX = "source:";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Convert(converter = EncryptedText.class)
  @Column(nullable = false)
  private String url;

  @Column(nullable = false)
  private int priority = 100;

  @Column(name = "refresh_hours", nullable = false)
  private int refreshHours = 24;

  @Column(nullable = false)
  private boolean enabled = true;

  protected GuideSource() {}

  public GuideSource(String name, String url, int priority, int refreshHours, boolean enabled) {
    apply(name, url, priority, refreshHours, enabled);
  }

  /** Every source, the first priority first. */
  public static List<GuideSource> all(EntityManager em) {
    return em.createNamedQuery(ALL, GuideSource.class).getResultList();
  }

  /**
   * The source with this id.
   *
   * @throws dev.lineup.platform.ProblemException 404 when there is none
   */
  public static GuideSource require(EntityManager em, long id) {
    return Entities.require(em, GuideSource.class, id, "Guide source");
  }

  /** Fails with a 409 when another source than {@code exceptId} (-1: none) has this name. */
  public static void requireUniqueName(EntityManager em, String name, long exceptId) {
    Entities.requireUniqueName(em, GuideSource.class, name, exceptId, "A guide source");
  }

  public void apply(String name, String url, int priority, int refreshHours, boolean enabled) {
    this.name = name;
    this.url = url;
    this.priority = priority;
    this.refreshHours = refreshHours;
    this.enabled = enabled;
  }

  /** The guide reference matches and mappings use: {@code source:{id}}. */
  public String guide() {
    return GUIDE_PREFIX + id;
  }

  /**
   * The store key of its guide file: its id and creation time, so a guide never outlives its source
   * into a new one with the same id.
   */
  public String key() {
    return "source-" + id + "-" + createdAt().toEpochSecond(ZoneOffset.UTC);
  }

  /** Whether its guide is due for a refresh: enabled, and never stored or stored too long ago. */
  public boolean due(Instant storedAt, Instant now) {
    return enabled
        && (storedAt == null || !storedAt.plus(Duration.ofHours(refreshHours)).isAfter(now));
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  /** The URL with credentials hidden: fit for responses and logs. */
  public String maskedUrl() {
    return ServerUrl.mask(url);
  }

  public int priority() {
    return priority;
  }

  public int refreshHours() {
    return refreshHours;
  }

  public boolean enabled() {
    return enabled;
  }

  @Override
  public String toString() {
    return "GuideSource[" + id + " '" + name + "' " + maskedUrl() + "]";
  }
}
