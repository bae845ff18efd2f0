package dev.lineup.account.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
  static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 1, 12, 0);

  static Subscription of(String status, LocalDateTime expires, Integer max, Integer active) {
    return new Subscription(1, status, expires, max, active, false, false, NOW);
  }

  @Test
  void aSubscriptionEndingInTenDaysSaysSoAndWarns() {
    Subscription s = of("Active", NOW.plusDays(10).plusHours(1), 2, 1);
    assertEquals("expires in 10 days · 2 connections · 1 in use", s.summary(NOW));
    Subscription.Warning warning = s.warning(NOW).orElseThrow();
    assertEquals(Subscription.Level.WARN, warning.level());
    assertEquals("Expires in 10 days (2026-12-11).", warning.text());
  }

  @Test
  void aSubscriptionEndingInAMonthDoesNotWarn() {
    Subscription s = of("Active", NOW.plusDays(30), 1, 0);
    assertEquals("expires in 30 days · 1 connection · 0 in use", s.summary(NOW));
    assertTrue(s.warning(NOW).isEmpty());
  }

  @Test
  void anExpiredSubscriptionIsBadWithItsDate() {
    Subscription s = of("Active", NOW.minusDays(3), 2, null);
    assertEquals("expired on 2026-11-28 · 2 connections", s.summary(NOW));
    assertEquals(Subscription.Level.BAD, s.warning(NOW).orElseThrow().level());
    assertEquals("Expired on 2026-11-28.", s.warning(NOW).orElseThrow().text());
  }

  @Test
  void aDisabledOrBannedSubscriptionIsBadWhateverItsDate() {
    Subscription s = of("Banned", null, 1, 0);
    assertEquals("banned · 1 connection · 0 in use", s.summary(NOW));
    assertEquals(
        "The provider says the subscription is Banned.", s.warning(NOW).orElseThrow().text());
  }

  @Test
  void noExpiryMeansNeverExpiresWithoutAWarning() {
    Subscription s = of("Active", null, 0, null);
    assertEquals("never expires · unlimited connections", s.summary(NOW));
    assertTrue(s.warning(NOW).isEmpty());
  }

  @Test
  void aRefusedLoginIsBad() {
    Subscription s = new Subscription(1, "Active", null, 2, 0, null, true, NOW);
    assertEquals("login refused · 2 connections · 0 in use", s.summary(NOW));
    assertEquals(Subscription.Level.BAD, s.warning(NOW).orElseThrow().level());
  }

  @Test
  void theLastDaysReadTodayAndTomorrow() {
    assertEquals(
        "Expires today (2026-12-01).",
        of("Active", NOW.plusHours(3), null, null).warning(NOW).orElseThrow().text());
    assertEquals(
        "expires tomorrow", of("Active", NOW.plusDays(1).plusHours(3), null, null).summary(NOW));
  }

  @Test
  void anExpiryThePanelWroteUnreadablySaysNotGivenWithoutAWarning() {
    Subscription s = of("Active", null, 1, null).unreadableExpiry();
    assertEquals("expiry not given · 1 connection", s.summary(NOW));
    assertTrue(s.warning(NOW).isEmpty());
  }
}
