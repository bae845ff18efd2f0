package dev.lineup.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSelectionTest {
  /** Every combination of what a selection can ask for. */
  static List<ChannelSelection> all() {
    List<ChannelSelection> all = new ArrayList<>();
    for (List<Long> tags : List.of(List.<Long>of(), List.of(7L), List.of(7L, 8L, 9L))) {
      for (boolean matchAll : new boolean[] {false, true}) {
        for (List<Long> exclude : List.of(List.<Long>of(), List.of(3L, 4L))) {
          for (String search : new String[] {null, "+espn*"}) {
            for (boolean flags : new boolean[] {false, true}) {
              ChannelSelection s =
                  new ChannelSelection(
                      List.of(1L, 2L), tags, matchAll, exclude, search, flags, !flags);
              all.add(s);
              all.add(s.oneSourceEach());
            }
          }
        }
      }
    }
    return all;
  }

  private static long marks(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  void everyStatementHasAParameterForEachPlaceholderInTextOrder() {
    for (ChannelSelection s : all()) {
      ChannelSelection.Sql sql = s.sql();
      String text = sql.from() + sql.where();
      assertEquals(marks(text), sql.params().size(), s + ": " + text);
      // the accounts come right after the tags the FROM joins and the first tag of a tag-driven one
      int accounts = sql.params().indexOf(1L);
      assertEquals(2L, sql.params().get(accounts + 1), text);
      ChannelSelection.Sql counts = s.sourceCounts(List.of("g:a", "n:|b"));
      String countText = counts.from() + counts.where();
      assertEquals(marks(countText), counts.params().size(), countText);
      assertEquals(List.of("g:a", "n:|b"), counts.params().subList(0, 2), "the keys first");
    }
  }

  @Test
  void oneSourceEachLeavesOutChannelsWithAnEarlierSourceInTheSameSelectionButNotTheSearch() {
    ChannelSelection s =
        new ChannelSelection(List.of(1L), List.of(7L), false, List.of(3L), "+espn*", false, true);
    String plain = s.sql().where();
    String merged = s.oneSourceEach().sql().where();
    assertFalse(plain.contains("merge_key"), plain);
    assertTrue(merged.contains("FORCE INDEX (ix_channels_merge)"), merged);
    String earlier = merged.substring(merged.indexOf("NOT EXISTS (SELECT 1 FROM channels m"));
    assertTrue(earlier.contains("m.passes_filters = 1"), earlier);
    assertTrue(earlier.contains("mt.tag_id IN"), "the tags count: " + earlier);
    assertTrue(earlier.contains("x.channel_id = m.id"), "so do the excluded tags: " + earlier);
    assertFalse(earlier.contains("MATCH("), "the search does not: " + earlier);
    assertTrue(s.oneSourceEach().filtered(), "its total is counted, not taken from the totals");
  }
}
