package dev.lineup.account.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.Subscription;
import dev.lineup.platform.Timestamped;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An account as the API shows it: everything but the password (only whether one is set); URLs with
 * credential-like query parameters masked. {@code maxConnections} is the person's cap on the
 * relay's streams; {@code providerMaxConnections} what the provider's user_info said (the cap when
 * the person set none).
 */
public record AccountView(
    long id,
    String name,
    String providerType,
    String server,
    String username,
    boolean passwordSet,
    boolean enabled,
    Integer syncIntervalHours,
    String epgUrl,
    String providerEpgUrl,
    Integer maxConnections,
    Integer providerMaxConnections,
    String createdAt,
    String updatedAt,
    SubscriptionView subscription) {

  /**
   * What the provider's login said at the last sync or connection test (Xtream accounts; null
   * before any): {@code expires_at} null when it never expires or the panel sent no usable date;
   * {@code warning} says what needs a look (expired, ending within 14 days, disabled, refused).
   */
  public record SubscriptionView(
      String status,
      String expiresAt,
      Long daysLeft,
      Integer maxConnections,
      Integer activeConnections,
      Boolean trial,
      boolean loginRefused,
      String summary,
      String warning,
      String checkedAt) {
    static SubscriptionView of(Subscription s) {
      if (s == null) {
        return null;
      }
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      return new SubscriptionView(
          s.status(),
          Timestamped.iso(s.expiresAt()),
          s.daysLeft(now).orElse(null),
          s.maxConnections(),
          s.activeConnections(),
          s.trial(),
          s.loginRefused(),
          s.summary(now),
          s.warning(now).map(Subscription.Warning::text).orElse(null),
          Timestamped.iso(s.checkedAt()));
    }
  }

  static AccountView of(Account account, Subscription subscription) {
    return new AccountView(
        account.id(),
        account.name(),
        account.providerType().code(),
        account.maskedServer(),
        account.username(),
        account.hasPassword(),
        account.enabled(),
        account.syncIntervalHours(),
        Account.masked(account.epgUrl()),
        Account.masked(account.providerEpgUrl()),
        account.maxConnections(),
        account.providerMaxConnections(),
        Timestamped.iso(account.createdAt()),
        Timestamped.iso(account.updatedAt()),
        SubscriptionView.of(subscription));
  }
}
