package dev.lineup.web.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.account.entity.Subscription;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.sync.control.SyncStatusView;
import dev.lineup.sync.entity.SyncRunView;
import java.time.LocalDateTime;

/**
 * What an account card shows: the account, its sync state (the badge: "Database" with counts, "API
 * only" when never synced), a warning badge when the last run failed or waits for confirmation
 * (with the reason), and whether a sync runs now. The pages' JSPs read it with EL method calls
 * ({@code ${account.name()}}): EL 5 reads no record accessor as a property.
 */
public record AccountCard(
    long id,
    String name,
    String type,
    String server,
    String username,
    boolean enabled,
    Integer syncIntervalHours,
    String epgUrl,
    Integer maxConnections,
    Integer providerMaxConnections,
    SyncStatusView status,
    Subscription subscription,
    SyncHistoryCharts history,
    String guideKey,
    LocalDateTime now) {

  static AccountCard of(
      Account account,
      SyncStatusView status,
      Subscription subscription,
      SyncHistoryCharts history,
      LocalDateTime now) {
    return new AccountCard(
        account.id(),
        account.name(),
        account.providerType().code(),
        account.maskedServer(),
        account.username(),
        account.enabled(),
        account.syncIntervalHours(),
        Account.masked(account.epgUrl()),
        account.maxConnections(),
        account.providerMaxConnections(),
        status,
        subscription,
        history,
        GuideRefresh.key(account),
        now);
  }

  /**
   * What the provider said of the subscription ("expires in 12 days · 2 connections · 1 in use"),
   * or, for an M3U playlist, what its fetches tell (last good fetch, channels); null before any.
   */
  public String subscriptionSummary() {
    if (subscription != null) {
      return subscription.summary(now);
    }
    if (!xtream() && synced()) {
      return "playlist fetched "
          + syncedAgo()
          + " · "
          + Chart.format(status.channelCount())
          + " channels";
    }
    return null;
  }

  /** What the panel said besides the dates ("2 connections · 1 in use"), shown beside a warning. */
  public String subscriptionConnections() {
    return subscription == null ? "" : subscription.connections();
  }

  /** Why the subscription needs a look (expired, expiring soon, disabled, refused), or null. */
  public Subscription.Warning subscriptionWarning() {
    return subscription == null ? null : subscription.warning(now).orElse(null);
  }

  /** An Xtream Codes panel (username and password), rather than an M3U playlist URL. */
  public boolean xtream() {
    return ProviderType.XTREAM.code().equals(type);
  }

  /** What the card calls its type. */
  public String typeLabel() {
    return xtream() ? "Xtream Codes" : "M3U playlist";
  }

  public boolean synced() {
    return status.synced();
  }

  /** "5 min ago" since the last successful sync; null when never synced. */
  public String syncedAgo() {
    return PageRenderer.ago(status.lastSync());
  }

  public boolean running() {
    return status.running();
  }

  public SyncRunView lastRun() {
    return status.lastRun();
  }

  public boolean failed() {
    return lastRun() != null && "failed".equals(lastRun().status());
  }

  /** The last run stopped at the safety gate: a forced sync confirms it. */
  public boolean needsConfirmation() {
    return lastRun() != null && "suspicious".equals(lastRun().status());
  }

  /** Why the last run failed or waits for confirmation (its message). */
  public String reason() {
    return lastRun() == null ? null : lastRun().message();
  }
}
