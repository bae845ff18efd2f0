package dev.lineup.sync.control;

import dev.lineup.platform.ClusterEvents;
import dev.lineup.platform.ClusterEvents.Announcement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live progress of the syncs running on any server. {@link ChannelSync} fires each {@link Snapshot}
 * as a CDI event; this keeps the latest one per account for the sync status, and the server-sent
 * events the UI shows as a progress bar observe the same events. A snapshot of a sync running here
 * is announced to the other servers (a new phase and the end always, else at most once a second),
 * which fire it there as their own.
 */
@ApplicationScoped
public class SyncProgress {
  static final String PROGRESS = "progress";
  private static final long ANNOUNCE_EVERY_NANOS = 1_000_000_000L;

  /**
   * @param phase fetching_categories, fetching_channels, writing, done
   * @param done items (or bytes while fetching) so far; total, when known, else 0
   */
  public record Snapshot(
      long accountId, long runId, String phase, long done, long total, String status) {
    public boolean finished() {
      return "done".equals(phase);
    }

    String payload() {
      return runId + "|" + phase + "|" + done + "|" + total + "|" + status;
    }

    /** The snapshot an announcement carries, or empty when it is not one. */
    static Optional<Snapshot> of(Announcement announcement) {
      if (!announcement.is(PROGRESS)
          || announcement.accountId() == null
          || announcement.payload() == null) {
        return Optional.empty();
      }
      String[] parts = announcement.payload().split("\\|", -1);
      if (parts.length != 5) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Snapshot(
                announcement.accountId(),
                Long.parseLong(parts[0]),
                parts[1],
                Long.parseLong(parts[2]),
                Long.parseLong(parts[3]),
                parts[4]));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private record Announced(String phase, long at) {}

  @Inject ClusterEvents cluster;
  @Inject Event<Snapshot> progressed;

  /** The latest snapshot of a sync, when it came, and whether from another server. */
  private record Tracked(Snapshot snapshot, long at, boolean remote) {}

  /**
   * Another server's snapshot not followed by another in this long is forgotten: that server may
   * have stopped, or its end announcement may have been lost.
   */
  private static final long REMOTE_NANOS = 30_000_000_000L;

  private final Map<Long, Tracked> current = new ConcurrentHashMap<>();
  private final Map<Long, Announced> announced = new ConcurrentHashMap<>();

  /** Keeps the latest snapshot of each running sync, and tells the other servers. */
  void track(@Observes Snapshot snapshot) {
    boolean remote = ClusterEvents.replaying();
    if (snapshot.finished()) {
      current.remove(snapshot.accountId());
    } else {
      current.put(snapshot.accountId(), new Tracked(snapshot, System.nanoTime(), remote));
    }
    if (!remote) {
      announce(snapshot);
    }
  }

  private void announce(Snapshot snapshot) {
    long now = System.nanoTime();
    Announced last = announced.get(snapshot.runId());
    if (snapshot.finished()) {
      announced.remove(snapshot.runId());
    } else if (last != null
        && last.phase().equals(snapshot.phase())
        && now - last.at() < ANNOUNCE_EVERY_NANOS) {
      return;
    } else {
      announced.put(snapshot.runId(), new Announced(snapshot.phase(), now));
    }
    cluster.announce(PROGRESS, snapshot.accountId(), snapshot.payload());
  }

  /** Another server's sync progressed: its snapshot is fired here, for this server's streams. */
  void fromOthers(@Observes Announcement announcement) {
    Snapshot.of(announcement).ifPresent(progressed::fire);
  }

  public Optional<Snapshot> current(long accountId) {
    Tracked tracked = current.get(accountId);
    if (tracked == null) {
      return Optional.empty();
    }
    if (tracked.remote() && System.nanoTime() - tracked.at() > REMOTE_NANOS) {
      current.remove(accountId, tracked);
      return Optional.empty();
    }
    return Optional.of(tracked.snapshot());
  }
}
