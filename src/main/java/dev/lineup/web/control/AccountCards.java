package dev.lineup.web.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.Subscription;
import dev.lineup.sync.control.SyncRuns;
import dev.lineup.sync.control.SyncStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The accounts' {@link AccountCard cards}, for the accounts page, the dashboard and the filters.
 */
@ApplicationScoped
public class AccountCards {
  @PersistenceContext EntityManager em;
  @Inject SyncStatus syncStatus;

  @Inject SyncRuns runs;

  public List<AccountCard> all() {
    return of(em.createNamedQuery(Account.ALL, Account.class).getResultList());
  }

  /** The cards of these accounts, their subscriptions read in one query. */
  public List<AccountCard> of(List<Account> accounts) {
    Map<Long, Subscription> subscriptions = Subscription.all(em);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    return accounts.stream().map(a -> card(a, subscriptions.get(a.id()), now)).toList();
  }

  public AccountCard of(long id) {
    return of(Account.require(em, id));
  }

  public AccountCard of(Account account) {
    return card(
        account, Subscription.of(em, account.id()).orElse(null), LocalDateTime.now(ZoneOffset.UTC));
  }

  /** A card for pages that show no history (the filters page): its charts are left empty. */
  public AccountCard withoutHistory(Account account) {
    return AccountCard.of(
        account,
        syncStatus.of(account.id()),
        null,
        SyncHistoryCharts.of(List.of()),
        LocalDateTime.now(ZoneOffset.UTC));
  }

  private AccountCard card(Account account, Subscription subscription, LocalDateTime now) {
    return AccountCard.of(
        account,
        syncStatus.of(account.id()),
        subscription,
        SyncHistoryCharts.of(runs.history(account.id(), SyncHistoryCharts.RUNS)),
        now);
  }
}
