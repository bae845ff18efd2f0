package dev.lineup.sync.control;

import dev.lineup.sync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * What an account's sync state is ({@link SyncStatusView}): synced or not, when, how many channels
 * and categories, whether a sync runs now, and the last run. One source for the API ({@code GET
 * .../sync/status}) and the account cards of the web UI.
 */
@ApplicationScoped
public class SyncStatus {
  @PersistenceContext EntityManager em;
  @Inject SyncRuns runs;
  @Inject SyncProgress progress;
  @Inject ChannelCounts channelCounts;

  /** The account's sync state now. */
  public SyncStatusView of(long accountId) {
    Optional<SyncRun> lastOk = runs.lastSuccessful(accountId);
    ChannelCounts.Counts channels = channelCounts.of(accountId); // kept in memory
    long[] categories = categoryCounts(accountId);
    Optional<Long> running = runs.running(accountId);
    return new SyncStatusView(
        accountId,
        lastOk.isPresent(),
        lastOk.map(r -> r.finishedAt).orElse(null),
        channels.active(),
        categories[0],
        channels.active(),
        channels.inactive(),
        categories[0],
        categories[1],
        channels.activePassing(),
        running.isPresent(),
        running.orElse(null),
        running.flatMap(id -> progress.current(accountId)).orElse(null), // none: nothing runs
        runs.last(accountId).map(SyncRun::view).orElse(null));
  }

  /** Active and inactive categories. */
  private long[] categoryCounts(long accountId) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(is_active), 0), COALESCE(SUM(NOT is_active), 0)"
                        + " FROM categories WHERE account_id = ?")
                .setParameter(1, accountId)
                .getSingleResult();
    return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }
}
