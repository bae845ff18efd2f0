package dev.lineup.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an Xtream panel's login said about the subscription at the last sync or connection test
 * ({@code account_subscriptions}, written by the provider feature): status, expiry, connections,
 * trial. It knows how to say it ("expires in 12 days · 2 connections · 1 in use") and when to warn:
 * expired, expiring within {@value #WARN_DAYS} days, disabled or refused by the panel.
 */
@Entity
@Table(name = "account_subscriptions")
public class Subscription {
  /** Warn this many days before the end. */
  public static final int WARN_DAYS = 14;

  @Id
  @Column(name = "account_id")
  private Long accountId;

  private String status;

  @Column(name = "expires_at")
  private LocalDateTime expiresAt;

  @Column(name = "max_connections")
  private Integer maxConnections;

  @Column(name = "active_connections")
  private Integer activeConnections;

  private Boolean trial;

  @Column(name = "expiry_unreadable")
  private boolean expiryUnreadable;

  @Column(name = "login_refused")
  private boolean loginRefused;

  @Column(name = "checked_at")
  private LocalDateTime checkedAt;

  protected Subscription() {}

  /** For tests and views: a subscription as a panel described it. */
  public Subscription(
      long accountId,
      String status,
      LocalDateTime expiresAt,
      Integer maxConnections,
      Integer activeConnections,
      Boolean trial,
      boolean loginRefused,
      LocalDateTime checkedAt) {
    this.accountId = accountId;
    this.status = status;
    this.expiresAt = expiresAt;
    this.maxConnections = maxConnections;
    this.activeConnections = activeConnections;
    this.trial = trial;
    this.loginRefused = loginRefused;
    this.checkedAt = checkedAt;
  }

  /** For tests: a panel that wrote an expiry Lineup could not read. */
  public Subscription unreadableExpiry() {
    expiryUnreadable = true;
    return this;
  }

  /** Every account's subscription, by account id (one query). */
  public static Map<Long, Subscription> all(EntityManager em) {
    List<Subscription> all =
        em.createQuery("SELECT s FROM Subscription s", Subscription.class).getResultList();
    Map<Long, Subscription> byAccount = new HashMap<>();
    all.forEach(s -> byAccount.put(s.accountId, s));
    return byAccount;
  }

  public static Optional<Subscription> of(EntityManager em, long accountId) {
    return Optional.ofNullable(em.find(Subscription.class, accountId));
  }

  /** How serious a warning is. */
  public enum Level {
    /** Soon: act in the coming days. */
    WARN,
    /** Now: the subscription does not work, or will not at any moment. */
    BAD
  }

  /** Why the subscription needs a look, in words. */
  public record Warning(Level level, String text) {
    public String css() {
      return level == Level.BAD ? "bad" : "warn";
    }
  }

  public long accountId() {
    return accountId;
  }

  public LocalDateTime expiresAt() {
    return expiresAt;
  }

  public String status() {
    return status;
  }

  public Integer maxConnections() {
    return maxConnections;
  }

  public Integer activeConnections() {
    return activeConnections;
  }

  public Boolean trial() {
    return trial;
  }

  public boolean loginRefused() {
    return loginRefused;
  }

  public LocalDateTime checkedAt() {
    return checkedAt;
  }

  /**
   * Calendar days (UTC) from {@code now} to the end: 0 when it ends today, 1 tomorrow, below 0 once
   * past; empty when it never ends.
   */
  public Optional<Long> daysLeft(LocalDateTime now) {
    if (expiresAt == null) {
      return Optional.empty();
    }
    return Optional.of(ChronoUnit.DAYS.between(now.toLocalDate(), expiresAt.toLocalDate()));
  }

  private boolean active() {
    return status == null || status.isBlank() || status.strip().equalsIgnoreCase("active");
  }

  /** What needs a look now, the worst first; empty when nothing does. */
  public Optional<Warning> warning(LocalDateTime now) {
    if (loginRefused) {
      return Optional.of(
          new Warning(
              Level.BAD,
              "The provider refused the login: the password changed or the subscription ended."));
    }
    if (!active()) {
      return Optional.of(
          new Warning(Level.BAD, "The provider says the subscription is " + status.strip() + "."));
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return Optional.of(new Warning(Level.BAD, "Expired on " + day(expiresAt) + "."));
    }
    Optional<Long> left = daysLeft(now);
    if (left.isPresent() && left.get() < WARN_DAYS) {
      return Optional.of(
          new Warning(Level.WARN, "Expires " + inDays(left.get()) + " (" + day(expiresAt) + ")."));
    }
    return Optional.empty();
  }

  /** "expires in 12 days · 2 connections · 1 in use · trial", from what the panel said. */
  public String summary(LocalDateTime now) {
    StringBuilder text = new StringBuilder();
    if (loginRefused) {
      text.append("login refused");
    } else if (!active()) {
      text.append(status.strip().toLowerCase(Locale.ROOT));
    } else if (expiresAt == null) {
      text.append(expiryUnreadable ? "expiry not given" : "never expires");
    } else if (!expiresAt.isAfter(now)) {
      text.append("expired on ").append(day(expiresAt));
    } else {
      text.append("expires ").append(inDays(daysLeft(now).orElseThrow()));
    }
    String connections = connections();
    if (!connections.isEmpty()) {
      text.append(" · ").append(connections);
    }
    return text.toString();
  }

  /** "2 connections · 1 in use · trial": what the panel said besides the dates; may be empty. */
  public String connections() {
    StringBuilder text = new StringBuilder();
    if (maxConnections != null) {
      text.append(" · ")
          .append(maxConnections == 0 ? "unlimited" : maxConnections)
          .append(maxConnections == 1 ? " connection" : " connections");
    }
    if (activeConnections != null) {
      text.append(" · ").append(activeConnections).append(" in use");
    }
    if (Boolean.TRUE.equals(trial)) {
      text.append(" · trial");
    }
    return text.length() == 0 ? "" : text.substring(3);
  }

  private static String inDays(long days) {
    return days <= 0 ? "today" : days == 1 ? "tomorrow" : "in " + days + " days";
  }

  private static String day(LocalDateTime at) {
    return LocalDate.from(at.atOffset(ZoneOffset.UTC)).toString();
  }
}
