package dev.lineup.sync.control;

import dev.lineup.sync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an account's sync state is: synced or not, when, how many channels and categories, whether a
 * sync runs now, and the last run. One source for the API ({@code GET .../sync/status}) and the
 * account cards of the web UI.
 */
@ApplicationScoped
public class SyncStatus {
  @PersistenceContext EntityManager em;
  @Inject SyncRuns runs;
  @Inject SyncProgress progress;

  /**
   * {@code synced, last_sync, channel_count, category_count} (the fields the legacy UI reads) plus
   * active/inactive counts, whether a sync runs now, and the last run.
   */
  public Map<String, Object> of(long accountId) {
    Optional<SyncRun> lastOk = runs.lastSuccessful(accountId);
    long[] channels = counts("channels", accountId);
    long[] categories = counts("categories", accountId);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("account_id", accountId);
    status.put("synced", lastOk.isPresent());
    status.put("last_sync", lastOk.map(r -> SyncRun.iso(r.finishedAt)).orElse(null));
    status.put("channel_count", channels[0]);
    status.put("category_count", categories[0]);
    status.put("active_channels", channels[0]);
    status.put("inactive_channels", channels[1]);
    status.put("active_categories", categories[0]);
    status.put("inactive_categories", categories[1]);
    status.put(
        "passing_channels",
        ((Number)
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active"
                            + " AND passes_filters")
                    .setParameter(1, accountId)
                    .getSingleResult())
            .longValue());
    Optional<Long> running = runs.running(accountId);
    status.put("running", running.isPresent());
    status.put("running_run_id", running.orElse(null));
    status.put("progress", progress.current(accountId).orElse(null));
    status.put("last_run", runs.last(accountId).map(SyncRun::view).orElse(null));
    return status;
  }

  private long[] counts(String table, long accountId) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(is_active), 0), COALESCE(SUM(NOT is_active), 0) FROM "
                        + table
                        + " WHERE account_id = ?")
                .setParameter(1, accountId)
                .getSingleResult();
    return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }
}
