package dev.lineup.account.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.Timestamped;

/**
 * An account as the API shows it: everything but the password (only whether one is set); URLs with
 * credential-like query parameters masked.
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
        Timestamped.iso(account.createdAt()),
        Timestamped.iso(account.updatedAt()));
  }
}
