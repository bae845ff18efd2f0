package dev.lineup.web.control;

import dev.lineup.sync.entity.SyncRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An account's sync history as four small charts, from its last {@value #RUNS} runs ({@code
 * sync_runs} alone, never the channels): active channels after each run, channels added and removed
 * per run, how long each run took, and the share of active channels with a guide.
 */
public record SyncHistoryCharts(Chart channels, Chart changes, Chart duration, Chart coverage) {
  public static final int RUNS = 30;

  /** From the runs newest first, as {@code SyncRuns.history} gives them. */
  public static SyncHistoryCharts of(List<SyncRun> newestFirst) {
    List<SyncRun> runs = new ArrayList<>();
    for (SyncRun run : newestFirst) {
      if (run.finishedAt != null && run.status != SyncRun.Status.RUNNING) {
        runs.add(run);
      }
    }
    Collections.reverse(runs);
    List<SyncRun> ok = runs.stream().filter(SyncRun::succeeded).toList();
    return new SyncHistoryCharts(
        Chart.line(
            "Channels",
            runs,
            r -> r.channelsActive == null ? null : r.channelsActive.doubleValue(),
            r -> when(r) + ": " + Chart.format(r.channelsActive) + " active channels"),
        Chart.bars(
            "Added and removed",
            ok,
            r -> r.channels.added() + r.channels.reactivated(),
            r -> r.channels.deactivated(),
            r ->
                when(r)
                    + ": "
                    + Chart.format(r.channels.added() + r.channels.reactivated())
                    + " added, "
                    + Chart.format(r.channels.deactivated())
                    + " removed"),
        Chart.line(
            "Sync time (s)",
            runs,
            r -> r.durationMs == null ? null : r.durationMs / 1000.0,
            r ->
                when(r)
                    + ": "
                    + String.format(Locale.ROOT, "%.1f s", r.durationMs / 1000.0)
                    + " ("
                    + r.status.code()
                    + ")"),
        Chart.line(
            "Guide coverage (%)",
            runs,
            SyncHistoryCharts::coverage,
            r ->
                when(r) + ": " + Chart.format(coverage(r)) + " % of active channels have a guide"));
  }

  /** The share of active channels with a guide, in %, to one decimal; null when not known. */
  static Double coverage(SyncRun run) {
    if (run.channelsGuided == null || run.channelsActive == null || run.channelsActive == 0) {
      return null;
    }
    // At most 100: a count taken while channels changed may overtake the run's own.
    return Math.min(100.0, Math.round(run.channelsGuided * 1000.0 / run.channelsActive) / 10.0);
  }

  private static String when(SyncRun run) {
    return run.finishedAt.toLocalDate() + " " + run.finishedAt.toLocalTime().withNano(0) + " UTC";
  }

  /** Whether there is anything to draw. */
  public boolean drawn() {
    return channels.drawn() || changes.drawn() || duration.drawn();
  }
}
