package dev.lineup.xtream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XtreamLineupTest {
  @Test
  void aGroupsCategoryIdIsADecimalNumberThatStaysTheSame() {
    String id = XtreamLineup.categoryId("UK | Sports");
    assertTrue(id.matches("[1-9]\\d{0,9}"), id);
    assertEquals(id, XtreamLineup.categoryId("UK | Sports"));
    assertNotEquals(id, XtreamLineup.categoryId("UK | SPORTS"), "groups are told apart by case");
    assertEquals("0", XtreamLineup.categoryId(null));
    assertEquals("0", XtreamLineup.categoryId(""));
  }

  @Test
  void thousandsOfGroupsGetThousandsOfIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      ids.add(XtreamLineup.categoryId("Group " + i));
    }
    assertEquals(5_000, ids.size());
  }

  @Test
  void theLimitOfAShortGuideIsHeldWithinBounds() {
    assertEquals(4, ShortEpg.limit(null, "get_short_epg"));
    assertEquals(10, ShortEpg.limit("10", "get_short_epg"));
    assertEquals(ShortEpg.MAX_SHORT, ShortEpg.limit("999999999", "get_short_epg"));
    assertEquals(4, ShortEpg.limit("-5", "get_short_epg"));
    assertEquals(4, ShortEpg.limit("ten", "get_short_epg"));
    assertEquals(4, ShortEpg.limit("0", "get_short_epg"));
    assertEquals(ShortEpg.MAX_TABLE, ShortEpg.limit(null, "get_simple_data_table"));
  }
}
