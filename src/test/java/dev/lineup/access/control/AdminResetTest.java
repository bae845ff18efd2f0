package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.access.control.AdminReset.Action;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** RESET_ADMIN across restarts: it removes the admin once, not at every start while it is set. */
class AdminResetTest {
  private static final LocalDateTime RESET = LocalDateTime.parse("2026-12-01T10:00:00");

  @Test
  void withoutResetAdminNothingHappensAndARememberedResetIsForgotten() {
    assertEquals(Action.NOTHING, AdminReset.decide(false, null, RESET.minusDays(1)));
    assertEquals(Action.NOTHING, AdminReset.decide(false, null, null));
    assertEquals(Action.FORGET_MARK, AdminReset.decide(false, RESET, RESET.plusHours(1)));
  }

  @Test
  void theFirstStartWithResetAdminRemovesTheAdminAndRemembersIt() {
    assertEquals(Action.REMOVE_AND_MARK, AdminReset.decide(true, null, RESET.minusDays(1)));
    assertEquals(Action.REMOVE_AND_MARK, AdminReset.decide(true, null, null));
  }

  @Test
  void restartsWithResetAdminLeftSetKeepTheAdminCreatedAfterTheReset() {
    assertEquals(Action.KEEP_NEW_ADMIN, AdminReset.decide(true, RESET, RESET.plusMinutes(5)));
    assertEquals(
        Action.KEEP_NEW_ADMIN, AdminReset.decide(true, RESET, RESET), "made in the same second");
    assertEquals(Action.AWAIT_SETUP, AdminReset.decide(true, RESET, null), "setup stays open");
    assertEquals(
        Action.REMOVE,
        AdminReset.decide(true, RESET, RESET.minusDays(3)),
        "an admin from before the reset (a restored backup) is still removed");
  }
}
