package dev.lineup.sync.boundary;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.sync.control.SyncProgress;
import dev.lineup.sync.control.SyncProgress.Snapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-sent events of sync progress: one broadcaster per watched account, fed by the {@link
 * Snapshot} CDI events a sync fires. {@code progress} events while a sync runs, {@code done} when
 * it ends (with the run's {@code status}), and one {@code idle} event on subscribing when none
 * runs.
 */
@ApplicationScoped
public class SyncEvents {
  private final Map<Long, SseBroadcaster> broadcasters = new ConcurrentHashMap<>();
  private volatile Sse sse;

  @Inject SyncProgress progress;

  /** Adds a client's stream to the account's broadcaster and tells it where the sync stands. */
  void subscribe(long accountId, SseEventSink sink, Sse sse) {
    this.sse = sse;
    broadcasters
        .computeIfAbsent(
            accountId,
            id -> {
              SseBroadcaster broadcaster = sse.newBroadcaster();
              broadcaster.onError((failed, error) -> failed.close()); // the client went away
              return broadcaster;
            })
        .register(sink);
    Optional<Snapshot> now = progress.current(accountId);
    sink.send(
        now.map(snapshot -> event(sse, snapshot))
            .orElseGet(
                () ->
                    event(
                        sse,
                        "idle",
                        Json.createObjectBuilder()
                            .add("account_id", accountId)
                            .add("phase", "idle")
                            .build()
                            .toString())));
  }

  /** A deleted account's streams end. */
  void deleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    SseBroadcaster broadcaster = broadcasters.remove(deleted.account().id());
    if (broadcaster != null) {
      broadcaster.close();
    }
  }

  @PreDestroy
  void stop() {
    broadcasters.values().forEach(SseBroadcaster::close);
    broadcasters.clear();
  }

  void progressed(@Observes Snapshot snapshot) {
    SseBroadcaster broadcaster = broadcasters.get(snapshot.accountId());
    if (broadcaster != null) {
      broadcaster.broadcast(event(sse, snapshot));
    }
  }

  private static OutboundSseEvent event(Sse sse, Snapshot snapshot) {
    return event(
        sse,
        snapshot.finished() ? "done" : "progress",
        Json.createObjectBuilder()
            .add("account_id", snapshot.accountId())
            .add("run_id", snapshot.runId())
            .add("phase", snapshot.phase())
            .add("done", snapshot.done())
            .add("total", snapshot.total())
            .add("status", snapshot.status())
            .build()
            .toString());
  }

  private static OutboundSseEvent event(Sse sse, String name, String json) {
    return sse.newEventBuilder()
        .name(name)
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(String.class, json)
        .build();
  }
}
