package dev.lineup.web.control;

import dev.lineup.account.entity.Account;
import dev.lineup.sync.control.SyncStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The accounts' {@link AccountCard cards}, for the accounts page, the dashboard and the filters.
 */
@ApplicationScoped
public class AccountCards {
  @PersistenceContext EntityManager em;
  @Inject SyncStatus syncStatus;

  public List<AccountCard> all() {
    return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
        .map(this::of)
        .toList();
  }

  public AccountCard of(long id) {
    return of(Account.require(em, id));
  }

  public AccountCard of(Account account) {
    return AccountCard.of(account, syncStatus.of(account.id()));
  }
}
