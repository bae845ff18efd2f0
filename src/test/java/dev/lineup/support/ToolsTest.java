package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {
  @AfterEach
  void tearDown() {
    System.clearProperty(Tools.REQUIRE);
  }

  @Test
  void aMissingToolFailsTheCheckWhenToolsAreRequired() {
    System.setProperty(Tools.REQUIRE, "true");
    AssertionFailedError failed =
        assertThrows(AssertionFailedError.class, () -> Tools.need(false, "no ffprobe"));
    assertTrue(failed.getMessage().contains("no ffprobe"), failed.getMessage());
  }

  @Test
  void aMissingToolSkipsTheCheckOtherwise() {
    System.setProperty(Tools.REQUIRE, "false");
    TestAbortedException skipped =
        assertThrows(TestAbortedException.class, () -> Tools.need(false, "no ffprobe"));
    assertTrue(skipped.getMessage().contains(Tools.REQUIRE), skipped.getMessage());
  }

  @Test
  void aToolThatIsThereNeverStopsTheCheck() {
    System.setProperty(Tools.REQUIRE, "true");
    assertDoesNotThrow(() -> Tools.need(true, "no ffprobe"));
  }
}
