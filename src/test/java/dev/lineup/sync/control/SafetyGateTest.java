package dev.lineup.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.sync.control.SafetyGate.Figures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyGateTest {
  private final SafetyGate half = new SafetyGate(0.5);

  @Test
  void losingExactlyHalfTheActiveChannelsPassesAndOneMoreIsSuspicious() {
    assertEquals(Optional.empty(), half.doubt(false, new Figures(50, 100, 50), null));
    Optional<String> doubt = half.doubt(false, new Figures(49, 100, 51), null);
    assertTrue(doubt.isPresent());
    assertEquals(
        "The provider's list lacks 51 of 100 active channels (51 %, above the 50 % limit);"
            + " nothing was changed. Sync with force=true if the provider really dropped them.",
        doubt.get());
  }

  @Test
  void theLimitIsTheConfiguredShare() {
    SafetyGate strict = new SafetyGate(0.1);
    assertTrue(strict.doubt(false, new Figures(88, 100, 12), null).isPresent());
    assertEquals(Optional.empty(), strict.doubt(false, new Figures(90, 100, 10), null));
    SafetyGate lenient = new SafetyGate(0.9);
    assertEquals(Optional.empty(), lenient.doubt(false, new Figures(20, 100, 80), null));
    assertTrue(
        lenient.doubt(false, new Figures(5, 100, 95), null).get().contains("above the 90 % limit"));
  }

  @Test
  void anEmptyChannelListIsNeverTakenAsNoChannelsEvenForANewAccount() {
    assertTrue(
        half.doubt(false, new Figures(0, 0, 0), null).get().startsWith("The provider returned no"));
    assertTrue(half.doubt(false, new Figures(0, 10, 10), null).isPresent());
  }

  @Test
  void anEmptyCategoryListIsSuspiciousOnlyWhenCategoriesAreActive() {
    assertEquals(
        "The provider returned no categories; nothing was changed. Sync with force=true to"
            + " accept that.",
        half.doubt(false, null, new Figures(0, 3, 3)).get());
    assertEquals(Optional.empty(), half.doubt(false, null, new Figures(0, 0, 0)));
  }

  @Test
  void categoriesAreCheckedAfterChannelsPass() {
    assertEquals(
        Optional.empty(), half.doubt(false, new Figures(100, 100, 0), new Figures(10, 10, 0)));
    assertTrue(
        half.doubt(false, new Figures(100, 100, 0), new Figures(2, 10, 8))
            .get()
            .contains("lacks 8 of 10 active categories"));
    assertTrue(
        half.doubt(false, new Figures(10, 100, 90), new Figures(0, 10, 10))
            .get()
            .contains("active channels"));
  }

  @Test
  void aFirstSyncWithNothingStoredPasses() {
    assertEquals(Optional.empty(), half.doubt(false, new Figures(5, 0, 0), new Figures(1, 0, 0)));
  }

  @Test
  void forceAcceptsAnEmptyOrShrunkenList() {
    assertEquals(Optional.empty(), half.doubt(true, new Figures(0, 100, 100), null));
    assertEquals(Optional.empty(), half.doubt(true, new Figures(1, 100, 99), new Figures(0, 9, 9)));
  }
}
