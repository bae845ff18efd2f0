package dev.lineup.account.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.Timestamped;

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
    String updatedAt) {

  static AccountView of(Account account) {
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
        Timestamped.iso(account.updatedAt()));
  }
}
