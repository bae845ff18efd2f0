package dev.lineup.sync.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live progress of the syncs running on this server. {@link ChannelSync} fires each {@link
 * Snapshot} as a CDI event; this keeps the latest one per account for the sync status, and the
 * server-sent events the UI shows as a progress bar observe the same events.
 */
@ApplicationScoped
public class SyncProgress {

  /**
   * @param phase fetching_categories, fetching_channels, writing, done
   * @param done items (or bytes while fetching) so far; total, when known, else 0
   */
  public record Snapshot(
      long accountId, long runId, String phase, long done, long total, String status) {
    public boolean finished() {
      return "done".equals(phase);
    }
  }

  private final Map<Long, Snapshot> current = new ConcurrentHashMap<>();

  /** Keeps the latest snapshot of each running sync (fired by {@link ChannelSync}). */
  void track(@Observes Snapshot snapshot) {
    if (snapshot.finished()) {
      current.remove(snapshot.accountId());
    } else {
      current.put(snapshot.accountId(), snapshot);
    }
  }

  public Optional<Snapshot> current(long accountId) {
    return Optional.ofNullable(current.get(accountId));
  }
}
