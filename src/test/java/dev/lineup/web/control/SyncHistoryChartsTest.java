package dev.lineup.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.sync.entity.SyncRun;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncHistoryChartsTest {
  static SyncRun run(int i, SyncRun.Status status, Integer active, Integer guided) {
    SyncRun run = new SyncRun();
    run.id = (long) i;
    run.status = status;
    run.startedAt = LocalDateTime.of(2026, 11, 1, 3, 0).plusDays(i);
    run.finishedAt = run.startedAt.plusSeconds(4);
    run.durationMs = 4000L + i;
    run.channelsActive = active;
    run.channelsGuided = guided;
    run.channels = new SyncRun.Changes(active == null ? 0 : active, i, 0, 0, i % 3);
    return run;
  }

  @Test
  void theChannelLineEndsAtTheNewestRunsCountAndOldestIsLeft() {
    List<SyncRun> newestFirst = new ArrayList<>();
    for (int i = 30; i >= 1; i--) {
      newestFirst.add(run(i, SyncRun.Status.OK, 1000 + i, 500));
    }
    SyncHistoryCharts charts = SyncHistoryCharts.of(newestFirst);
    Chart channels = charts.channels();
    assertEquals(30, channels.points().size());
    assertEquals(1030.0, channels.lastValue());
    assertEquals("1,030", channels.last());
    assertTrue(channels.points().get(0).x() < channels.points().get(29).x(), "oldest on the left");
    assertTrue(
        channels.points().get(29).y() < channels.points().get(0).y(), "more channels, higher");
    assertTrue(channels.points().get(29).title().contains("1,030 active channels"));
    assertEquals(30, channels.line().split(" ").length);
    assertEquals(60, charts.changes().points().size(), "a bar up and a bar down per run");
    assertEquals(48.5, charts.coverage().lastValue(), "500 of 1,030, to one decimal");
  }

  @Test
  void runsWithoutAFigureAreLeftOutAndARunningRunIsNotDrawn() {
    SyncRun running = run(5, SyncRun.Status.RUNNING, null, null);
    running.finishedAt = null;
    SyncHistoryCharts charts =
        SyncHistoryCharts.of(
            List.of(
                running,
                run(4, SyncRun.Status.FAILED, 900, null),
                run(3, SyncRun.Status.OK, null, null),
                run(2, SyncRun.Status.OK, 900, 0)));
    assertEquals(2, charts.channels().points().size());
    assertEquals(900.0, charts.channels().lastValue());
    assertEquals(3, charts.duration().points().size());
    assertEquals(0.0, charts.coverage().lastValue());
    assertEquals(2, charts.changes().points().size() / 2, "ok runs only");
  }

  @Test
  void noRunsDrawNothing() {
    SyncHistoryCharts charts = SyncHistoryCharts.of(List.of());
    assertFalse(charts.drawn());
    assertNull(charts.channels().lastValue());
    assertNull(charts.changes().last());
  }

  @Test
  void pointsStayInsideTheBox() {
    SyncHistoryCharts charts =
        SyncHistoryCharts.of(
            List.of(run(3, SyncRun.Status.OK, 5, 5), run(2, SyncRun.Status.OK, 100_000, 0)));
    for (Chart chart : List.of(charts.channels(), charts.changes(), charts.coverage())) {
      for (Chart.Point p : chart.points()) {
        assertTrue(p.x() >= 0 && p.x() <= Chart.WIDTH, chart.name() + " x " + p.x());
        assertTrue(p.y() >= 0 && p.y() + p.height() <= Chart.HEIGHT, chart.name() + " y " + p.y());
      }
    }
  }
}
