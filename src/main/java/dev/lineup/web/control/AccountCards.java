package dev.lineup.web.control;

import dev.lineup.account.entity.Account;
import dev.lineup.sync.control.SyncStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an account card shows: the account, its sync badge ("Database" with counts, "API only" when
 * never synced), a warning badge when the last run failed or waits for confirmation (with the
 * reason), and whether a sync runs now.
 */
@ApplicationScoped
public class AccountCards {
  @PersistenceContext EntityManager em;
  @Inject SyncStatus syncStatus;

  public List<Map<String, Object>> all() {
    return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
        .map(this::of)
        .toList();
  }

  public Map<String, Object> of(long id) {
    return of(Account.require(em, id));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> of(Account account) {
    Map<String, Object> status = syncStatus.of(account.id());
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("id", account.id());
    card.put("name", account.name());
    card.put("type", account.providerType().code());
    card.put("server", account.maskedServer());
    card.put("username", account.username());
    card.put("enabled", account.enabled());
    card.put("syncIntervalHours", account.syncIntervalHours());
    card.put("epgUrl", Account.masked(account.epgUrl()));
    card.put("status", status);
    boolean synced = Boolean.TRUE.equals(status.get("synced"));
    card.put("synced", synced);
    String lastSync = (String) status.get("last_sync");
    card.put(
        "syncedAgo",
        lastSync == null
            ? null
            : Views.ago(
                OffsetDateTime.parse(lastSync)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime()));
    card.put("running", status.get("running"));
    Map<String, Object> lastRun = (Map<String, Object>) status.get("last_run");
    String runStatus = lastRun == null ? null : (String) lastRun.get("status");
    card.put("lastRun", lastRun);
    card.put("failed", "failed".equals(runStatus));
    card.put("needsConfirmation", "suspicious".equals(runStatus));
    card.put("reason", lastRun == null ? null : lastRun.get("message"));
    return card;
  }
}
