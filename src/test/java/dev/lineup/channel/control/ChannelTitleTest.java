package dev.lineup.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelTitleTest {
  @Test
  void theCleanedNameComesFirstThenTheProvidersOnOneLine() {
    assertEquals("BBC One", ChannelTitle.of("BBC One", "UK: BBC One HD", 1, "bbc1", "9"));
    assertEquals("UK: BBC One", ChannelTitle.of(" ", "UK:\tBBC\n One ", 1, "bbc1", "9"));
  }

  @Test
  void aNamelessChannelIsCalledByItsNumberThenGuideIdThenStreamId() {
    assertEquals("Channel 7", ChannelTitle.of(null, "", 7, "seven.uk", "70"));
    assertEquals("Channel seven.uk", ChannelTitle.of(null, null, null, "seven.uk", "70"));
    assertEquals("Channel seven.uk", ChannelTitle.of(null, " ", 0, "seven.uk", "70"));
    assertEquals("Channel seven.uk", ChannelTitle.of(null, " ", -5, "seven.uk", "70"));
    assertEquals("Channel 70", ChannelTitle.of(null, "\u00a0", null, " ", "70"));
  }

  @Test
  void onlyInvisibleCharactersAreNoName() {
    assertTrue(ChannelTitle.blank("\u0001\u200B\u00a0 \t"));
    assertTrue(ChannelTitle.blank(null));
    assertFalse(ChannelTitle.blank(" a "));
    assertEquals("Channel 3", ChannelTitle.of("\u200B", "\u0001", 3, null, "x"));
  }
}
