package dev.lineup.sync.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Live progress of the syncs running on this server, for the server-sent events the UI shows as a
 * progress bar. A snapshot is immutable; listeners get every snapshot of their account.
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
  private final Map<Long, CopyOnWriteArrayList<Consumer<Snapshot>>> listeners =
      new ConcurrentHashMap<>();

  void report(Snapshot snapshot) {
    if (snapshot.finished()) {
      current.remove(snapshot.accountId());
    } else {
      current.put(snapshot.accountId(), snapshot);
    }
    for (Consumer<Snapshot> listener :
        listeners.getOrDefault(snapshot.accountId(), new CopyOnWriteArrayList<>())) {
      listener.accept(snapshot);
    }
  }

  public Optional<Snapshot> current(long accountId) {
    return Optional.ofNullable(current.get(accountId));
  }

  public Runnable listen(long accountId, Consumer<Snapshot> listener) {
    listeners.computeIfAbsent(accountId, id -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.getOrDefault(accountId, new CopyOnWriteArrayList<>()).remove(listener);
  }
}
