package dev.lineup.web.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** How the dashboard says when the next automatic sync comes. */
class DashboardPageTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 30, 6, 0);

  @Test
  void aSyncDueNowOrOverdueOrNeverRunIsDueNow() {
    assertEquals("due now", DashboardPage.when(NOW, NOW));
    assertEquals("due now", DashboardPage.when(NOW.minusHours(3), NOW));
    assertEquals("due now", DashboardPage.when(LocalDateTime.MIN, NOW));
    assertEquals("due now", DashboardPage.when(NOW.plusSeconds(59), NOW));
  }

  @Test
  void aLaterSyncSaysInHowManyMinutesOrHours() {
    assertEquals("in 1 min", DashboardPage.when(NOW.plusSeconds(60), NOW));
    assertEquals("in 59 min", DashboardPage.when(NOW.plusMinutes(59), NOW));
    assertEquals("in 1 h", DashboardPage.when(NOW.plusMinutes(61), NOW));
    assertEquals("in 5 h", DashboardPage.when(NOW.plusHours(6).minusSeconds(1), NOW));
  }
}
