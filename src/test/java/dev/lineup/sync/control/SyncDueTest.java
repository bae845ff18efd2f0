package dev.lineup.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Status;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When an account is due for its scheduled sync: the rule the scheduler and the dashboard share.
 */
class SyncDueTest {
  static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 30, 6, 0);
  static final Duration SIX_HOURS = Duration.ofHours(6);

  static Optional<SyncRun> run(Status status) {
    SyncRun run = SyncRun.start(1, "Account", SyncRun.Trigger.SCHEDULE, SyncRun.Scope.ALL, false);
    run.startedAt = STARTED;
    if (status != Status.RUNNING) {
      run.finish(status, status == Status.FAILED ? "HTTP 500" : null);
      run.finishedAt = STARTED.plusMinutes(40); // a long sync: the start counts, not the end
    }
    return Optional.of(run);
  }

  @Test
  void anAccountThatNeverSyncedIsDueAtOnce() {
    Optional<LocalDateTime> next = SyncDue.next(true, SIX_HOURS, Optional.empty());
    assertEquals(Optional.of(LocalDateTime.MIN), next);
    assertTrue(SyncDue.due(next, STARTED));
  }

  @Test
  void aDisabledAccountIsNeverDueEvenIfItNeverSynced() {
    assertEquals(Optional.empty(), SyncDue.next(false, SIX_HOURS, Optional.empty()));
    assertEquals(Optional.empty(), SyncDue.next(false, SIX_HOURS, run(Status.FAILED)));
    assertFalse(SyncDue.due(Optional.empty(), LocalDateTime.MAX));
  }

  @Test
  void anIntervalOfZeroNeverSyncsOnSchedule() {
    assertEquals(Optional.empty(), SyncDue.next(true, Duration.ZERO, Optional.empty()));
    assertEquals(Optional.empty(), SyncDue.next(true, Duration.ZERO, run(Status.OK)));
  }

  @Test
  void aSuccessfulRunIsFollowedOneIntervalAfterItStartedNotAfterItFinished() {
    Optional<LocalDateTime> next = SyncDue.next(true, SIX_HOURS, run(Status.OK));
    assertEquals(Optional.of(STARTED.plusHours(6)), next);
    assertFalse(SyncDue.due(next, STARTED.plusHours(6).minusSeconds(1)));
    assertTrue(SyncDue.due(next, STARTED.plusHours(6)), "due at the very moment");
  }

  @Test
  void aFailedRunIsRetriedAfterAnHourWhenTheIntervalIsLonger() {
    assertEquals(
        Optional.of(STARTED.plusHours(1)), SyncDue.next(true, SIX_HOURS, run(Status.FAILED)));
    assertEquals(
        Optional.of(STARTED.plus(SyncDue.RETRY_AFTER_FAILURE)),
        SyncDue.next(true, Duration.ofHours(2), run(Status.FAILED)));
  }

  @Test
  void aFailedRunWaitsItsIntervalWhenThatIsAnHourOrLess() {
    assertEquals(
        Optional.of(STARTED.plusMinutes(30)),
        SyncDue.next(true, Duration.ofMinutes(30), run(Status.FAILED)));
    assertEquals(
        Optional.of(STARTED.plusHours(1)),
        SyncDue.next(true, Duration.ofHours(1), run(Status.FAILED)));
  }

  @Test
  void suspiciousCancelledAndRunningRunsWaitTheWholeInterval() {
    for (Status status : new Status[] {Status.SUSPICIOUS, Status.CANCELLED, Status.RUNNING}) {
      assertEquals(
          Optional.of(STARTED.plusHours(6)),
          SyncDue.next(true, SIX_HOURS, run(status)),
          status.code());
    }
  }
}
