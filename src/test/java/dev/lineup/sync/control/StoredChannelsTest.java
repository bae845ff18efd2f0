package dev.lineup.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.sync.control.StoredChannels.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredChannelsTest {
  private static final long KEY0 = 0x0706050403020100L;
  private static final long KEY1 = 0x0f0e0d0c0b0a0908L;

  private static StoredChannels stored(int count) {
    return new StoredChannels(count, 42, 4242);
  }

  @Test
  void theHashIsSipHash24OfTheUtf16CodeUnits() {
    StoredChannels table = new StoredChannels(0, KEY0, KEY1);
    // The reference vector for the empty message under the key 00 01 … 0f (SipHash paper).
    assertEquals(0x726fdb47dd0e0e31L, table.hash(""));
    // Checked against Guava's Hashing.sipHash24 of the UTF-16LE bytes: one and several blocks.
    assertEquals(0x0fa81bcb842b5215L, table.hash("1234"));
    assertEquals(0x7db7b4e988f5892fL, table.hash("12345"));
    assertEquals(0x372b8cffeb665be4L, table.hash("m3u:0123456789abcdef"));
    assertEquals(0x6bfcd89942003465L, table.hash("Ünïcödé 📺"));
  }

  @Test
  void theHashDependsOnTheKey() {
    assertNotEquals(
        new StoredChannels(0, 1, 2).hash("1234"), new StoredChannels(0, 1, 3).hash("1234"));
  }

  @Test
  void anActiveChannelListedUnchangedIsNotStaged() {
    StoredChannels table = stored(2);
    assertTrue(table.put("101", 1, 7, true));
    assertTrue(table.put("102", 2, 8, true));
    assertEquals(Verdict.UNCHANGED, table.check("101", 7));
    assertEquals(1, table.unchanged());
  }

  @Test
  void aChangedNewOrReturningChannelIsStaged() {
    StoredChannels table = stored(2);
    table.put("101", 1, 7, true);
    table.put("102", 2, 8, false);
    assertEquals(Verdict.STAGE, table.check("101", 99), "changed");
    assertEquals(Verdict.STAGE, table.check("102", 8), "returning, even unchanged");
    assertEquals(Verdict.STAGE, table.check("103", 7), "new");
    assertEquals(0, table.unchanged());
  }

  @Test
  void idsAreComparedAsTheirBinaryColumnDoesCaseAndLeadingSpacesCountTrailingSpacesPad() {
    StoredChannels table = stored(1);
    table.put("abc", 1, 7, true);
    assertEquals(Verdict.STAGE, table.check("ABC", 7));
    assertEquals(Verdict.STAGE, table.check(" abc", 7));
    assertEquals(Verdict.STAGE, table.check("abc\t", 7));
    assertEquals(Verdict.UNCHANGED, table.check("abc  ", 7), "utf8mb4_bin pads with spaces");
    assertEquals(Verdict.REPEATED, table.check("abc", 7));
  }

  @Test
  void aStoredChannelListedTwiceKeepsItsFirstEntry() {
    StoredChannels table = stored(2);
    table.put("101", 1, 7, true);
    table.put("102", 2, 8, true);
    assertEquals(Verdict.UNCHANGED, table.check("101", 7));
    assertEquals(Verdict.REPEATED, table.check("101", 99), "a changed repeat does not win");
    assertEquals(Verdict.STAGE, table.check("102", 99));
    assertEquals(Verdict.REPEATED, table.check("102", 8));
    assertEquals(1, table.unchanged());
  }

  @Test
  void theMissingAreTheActiveChannelsNotListed() {
    StoredChannels table = stored(4);
    table.put("101", 11, 7, true);
    table.put("102", 12, 7, true);
    table.put("103", 13, 7, false);
    table.put("104", 14, 7, true);
    table.check("102", 7);
    table.check("104", 8);
    List<Long> missing = new ArrayList<>();
    table.missingIds().forEachRemaining((long id) -> missing.add(id));
    assertEquals(List.of(11L), missing, "an inactive channel not listed is not missing");
    assertEquals(1, table.missing());
    assertEquals(3, table.active());
    assertEquals(4, table.size());
  }

  @Test
  void theSameIdStoredTwiceIsRefusedSoTheLoadStartsAgain() {
    StoredChannels table = stored(2);
    assertTrue(table.put("101", 1, 7, true));
    assertFalse(table.put("101", 2, 8, true));
  }

  @Test
  void moreRowsThanCountedAreRefusedInsteadOfOverfillingTheTable() {
    StoredChannels table = stored(1);
    int accepted = 0;
    while (table.put("id" + accepted, accepted + 1, 0, true)) {
      accepted++;
    }
    assertTrue(accepted >= 1 && accepted <= 16, "accepted " + accepted);
  }

  @Test
  void aHundredThousandNumericIdsAllFindTheirOwnEntry() {
    int n = 100_000;
    StoredChannels table = stored(n);
    for (int i = 0; i < n; i++) {
      assertTrue(table.put(Integer.toString(i), i + 1, i, true), "collision at " + i);
    }
    Set<Verdict> verdicts = new HashSet<>();
    for (int i = 0; i < n; i += 2) {
      verdicts.add(table.check(Integer.toString(i), i));
    }
    assertEquals(Set.of(Verdict.UNCHANGED), verdicts);
    assertEquals(n / 2, table.unchanged());
    assertEquals(n / 2, table.missing());
  }
}
