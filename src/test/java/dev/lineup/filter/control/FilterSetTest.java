package dev.lineup.filter.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.filter.control.FilterSet.Action;
import dev.lineup.filter.control.FilterSet.Filter;
import dev.lineup.filter.control.FilterSet.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSetTest {

  static FilterSet of(Filter... filters) {
    return new FilterSet(List.of(filters));
  }

  @Test
  void noFiltersPassEverything() {
    assertTrue(of().passes("anything", null, Set.of()));
    assertTrue(of().isEmpty());
  }

  @Test
  void categoryIsACaseInsensitiveSubstring() {
    FilterSet sports = of(Filter.of(Type.CATEGORY, Action.WHITELIST, "sport"));
    assertTrue(sports.passes("ESPN", "US| SPORTS HD", Set.of()));
    assertFalse(sports.passes("CNN", "US| NEWS", Set.of()));
    assertFalse(sports.passes("ESPN", null, Set.of()), "no category matches no whitelist");
    FilterSet noAdult = of(Filter.of(Type.CATEGORY, Action.BLACKLIST, "ADULT"));
    assertFalse(noAdult.passes("X", "Adult movies", Set.of()));
    assertTrue(noAdult.passes("X", null, Set.of()));
  }

  @Test
  void channelNameIsACaseInsensitiveSubstring() {
    FilterSet hd = of(Filter.of(Type.CHANNEL_NAME, Action.WHITELIST, "hd"));
    assertTrue(hd.passes("CNN HD", "News", Set.of()));
    assertFalse(hd.passes("CNN", "HD channels", Set.of()), "the category is not the name");
  }

  @Test
  void regexFindsInTheChannelName() {
    FilterSet usOnly = of(Filter.of(Type.REGEX, Action.WHITELIST, "^US[:|]"));
    assertTrue(usOnly.passes("US: CNN", null, Set.of()));
    assertFalse(usOnly.passes("UK: BBC", null, Set.of()));
    FilterSet noSeparators = of(Filter.of(Type.REGEX, Action.BLACKLIST, "={3,}"));
    assertFalse(noSeparators.passes("=======> Pakistan <=======", null, Set.of()));
    assertTrue(noSeparators.passes("PTV", null, Set.of()));
  }

  @Test
  void tagWhitelistNeedsOneOfTheListedTagsAndBlacklistNone() {
    FilterSet anyOf = of(Filter.of(Type.TAG, Action.WHITELIST, "us, uk"));
    assertTrue(anyOf.passes("x", null, Set.of("UK", "HD")));
    assertFalse(anyOf.passes("x", null, Set.of("CA")));
    FilterSet noneOf = of(Filter.of(Type.TAG, Action.BLACKLIST, "raw,4k hdr"));
    assertFalse(noneOf.passes("x", null, Set.of("4K_HDR")));
    assertTrue(noneOf.passes("x", null, Set.of("HD")));
  }

  @Test
  void everyFilterMustPass() {
    FilterSet both =
        of(
            Filter.of(Type.TAG, Action.WHITELIST, "US"),
            Filter.of(Type.CHANNEL_NAME, Action.BLACKLIST, "shopping"));
    assertTrue(both.passes("US: CNN", null, Set.of("US")));
    assertFalse(both.passes("US: QVC Shopping", null, Set.of("US")));
    assertFalse(both.passes("UK: BBC", null, Set.of("UK")));
  }

  @Test
  void badValuesAreReportedBeforeTheyAreStored() {
    assertNotNull(FilterSet.problem(Type.REGEX, "([unclosed"));
    assertNotNull(FilterSet.problem(Type.TAG, ", ,!"));
    assertNotNull(FilterSet.problem(Type.CATEGORY, " "));
    assertNull(FilterSet.problem(Type.TAG, "US, HD"));
    assertEquals(Type.CHANNEL_NAME, Type.fromCode("channel_name").orElseThrow());
    assertTrue(Action.fromCode("greylist").isEmpty());
  }

  @Test
  void aStoredInvalidRegexMatchesNothing() {
    assertFalse(
        of(Filter.of(Type.REGEX, Action.WHITELIST, "([unclosed"))
            .passes("([unclosed", null, Set.of()));
  }
}
