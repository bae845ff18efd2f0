package dev.lineup.sync.control;

import dev.lineup.sync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Each sync run's figures in {@code /metrics}, per account: duration, runs by status, rows. */
@ApplicationScoped
public class SyncMetrics {
  @Inject MetricRegistry metrics;

  void record(SyncRun run) {
    Tag account = new Tag("account", String.valueOf(run.accountId));
    metrics.timer("lineup_sync_duration", account).update(Duration.ofMillis(run.durationMs));
    metrics.counter("lineup_sync_runs_total", account, new Tag("status", run.status.code())).inc();
    metrics.counter("lineup_sync_channels_fetched_total", account).inc(run.channels.fetched());
    metrics
        .counter("lineup_sync_rows_written_total", account)
        .inc(run.channels.written() + run.categories.written());
  }
}
