package dev.lineup.tag.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.tag.control.TagExtractor.Extraction;
import dev.lineup.tag.control.TagExtractor.Rule;
import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagExtractorTest {
  static final TagExtractor DEFAULT = DefaultRuleset.extractor();

  static Set<String> set(String csv) {
    return new TreeSet<>(List.of(csv.split(",")));
  }

  /** The legacy tool's golden examples, which users' lineups rely on. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "PRIME: SHADES OF BLACK ᴿᴬᵂ; US| PRIME ᴿᴬᵂ ⁶⁰ᶠᵖˢ; US,PRIME,RAW,60FPS; SHADES OF BLACK",
        "US: FOX NET [TWIN FALLS ID]; US| FOX ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ; US,HD,RAW,60FPS,TWIN_FALLS_ID; FOX NET TWIN FALLS ID",
        "US: CBS 11 DALLAS TX (KTVT) HD; US| NEWS ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ; US,NEWS,HD,RAW,60FPS,KTVT; CBS 11 DALLAS TX KTVT",
        "US| CNN HD; US| NEWS; US,HD,NEWS; CNN"
      })
  void goldenExamples(String name, String category, String tags, String cleaned) {
    Extraction extraction = DEFAULT.extract(name, category);
    assertEquals(set(tags), new TreeSet<>(extraction.tags()));
    assertEquals(cleaned, extraction.cleanedName());
  }

  static Rule rule(
      PatternType type, String pattern, String tag, RuleSource source, boolean remove) {
    return Rule.of(1, type, pattern, tag, source, remove, null);
  }

  static Extraction one(Rule rule, String name, String category) {
    return new TagExtractor(List.of(rule)).extract(name, category);
  }

  @Test
  void prefixIgnoresCaseAndRemovesTheOriginalText() {
    Extraction e =
        one(rule(PatternType.PREFIX, "us|", "US", RuleSource.BOTH, true), "Us| CNN", null);
    assertEquals(List.of("US"), e.tags());
    assertEquals("CNN", e.cleanedName());
  }

  @Test
  void suffixMatchesTheEnd() {
    Extraction e =
        one(rule(PatternType.SUFFIX, " hd", "HD", RuleSource.BOTH, true), "CNN HD", null);
    assertEquals(List.of("HD"), e.tags());
    assertEquals("CNN", e.cleanedName());
    assertTrue(
        one(rule(PatternType.SUFFIX, "HD", "HD", RuleSource.BOTH, true), "HD CNN", null)
            .tags()
            .isEmpty());
  }

  @Test
  void containsRemovesTheFirstOccurrenceOnly() {
    Extraction e = one(rule(PatternType.CONTAINS, "x", "X1", RuleSource.BOTH, true), "AxBxC", null);
    assertEquals("ABxC", e.cleanedName());
  }

  @Test
  void regexUsesTheWholeFirstMatchIgnoringCase() {
    Extraction e =
        one(
            rule(PatternType.REGEX, "\\bfhd\\b", "FHD", RuleSource.BOTH, true),
            "ESPN FHD (FHD)",
            null);
    assertEquals(List.of("FHD"), e.tags());
    assertEquals("ESPN (FHD)", e.cleanedName());
  }

  @Test
  void invalidRegexNeverMatches() {
    Rule broken = rule(PatternType.REGEX, "([unclosed", "BROKEN", RuleSource.BOTH, true);
    assertNull(broken.regex());
    assertTrue(one(broken, "([unclosed", "([unclosed").tags().isEmpty());
  }

  @Test
  void bothLooksAtTheNameFirstAndRemovesOnlyFromTheName() {
    Rule sports = rule(PatternType.CONTAINS, "SPORT", "SPORTS", RuleSource.BOTH, true);
    Extraction inCategory = one(sports, "ESPN", "US SPORTS");
    assertEquals(List.of("SPORTS"), inCategory.tags());
    assertEquals("ESPN", inCategory.cleanedName(), "a category match never edits the name");
    Extraction inName = one(sports, "SPORT 1", "SPORT");
    assertEquals("1", inName.cleanedName());
  }

  @Test
  void categorySourceIgnoresTheName() {
    Rule news = rule(PatternType.CONTAINS, "NEWS", "NEWS", RuleSource.CATEGORY_NAME, false);
    assertTrue(one(news, "NEWS 24", "Movies").tags().isEmpty());
    assertEquals(List.of("NEWS"), one(news, "Channel", "World News").tags());
  }

  @Test
  void channelSourceIgnoresTheCategory() {
    Rule hd = rule(PatternType.REGEX, "\\bHD\\b", "HD", RuleSource.CHANNEL_NAME, true);
    assertTrue(one(hd, "CNN", "HD").tags().isEmpty());
  }

  @Test
  void noRemovalKeepsTheName() {
    Extraction e =
        one(rule(PatternType.PREFIX, "US|", "US", RuleSource.BOTH, false), "US| CNN", null);
    assertEquals(List.of("US"), e.tags());
    assertEquals("US| CNN", e.cleanedName());
  }

  @Test
  void cleanupRemovesWithoutTagging() {
    Extraction e =
        one(
            rule(PatternType.CONTAINS, "[VIP]", TagExtractor.CLEANUP, RuleSource.BOTH, true),
            "CNN [VIP]",
            null);
    assertTrue(e.tags().isEmpty());
    assertEquals("CNN", e.cleanedName());
  }

  @Test
  void captureTagsRegexGroupOne() {
    Extraction e =
        one(
            rule(PatternType.REGEX, "\\{([a-z]+)\\}", TagExtractor.CAPTURE, RuleSource.BOTH, true),
            "CNN {news}",
            null);
    assertEquals(List.of("NEWS"), e.tags());
    assertEquals("CNN", e.cleanedName());
  }

  @Test
  void replacementStandsInsteadOfDeletion() {
    Rule plus = Rule.of(1, PatternType.CONTAINS, "+", "PLUS", RuleSource.BOTH, true, " Plus");
    assertEquals("Disney Plus", one(plus, "Disney+", null).cleanedName());
  }

  @Test
  void locationAndCallSignBecomeTagsAndBareText() {
    Extraction location =
        one(
            rule(
                PatternType.REGEX,
                "\\[([^\\]]+)\\]",
                TagExtractor.LOCATION,
                RuleSource.CHANNEL_NAME,
                true),
            "FOX [Twin Falls ID]",
            null);
    assertEquals(List.of("TWIN_FALLS_ID"), location.tags());
    assertEquals("FOX Twin Falls ID", location.cleanedName());
    Extraction callsign =
        one(
            rule(
                PatternType.REGEX,
                "\\(([^\\)]+)\\)",
                TagExtractor.CALLSIGN,
                RuleSource.CHANNEL_NAME,
                true),
            "CBS (KTVT) HD",
            null);
    assertEquals(List.of("KTVT"), callsign.tags());
    assertEquals("CBS KTVT HD", callsign.cleanedName());
  }

  @Test
  void tagsThatNormaliseAlikeAreOne() {
    TagExtractor twice =
        new TagExtractor(
            List.of(
                Rule.of(1, PatternType.CONTAINS, "ᴴᴰ", "HD", RuleSource.BOTH, false, null),
                Rule.of(2, PatternType.CONTAINS, "HD", "hd", RuleSource.BOTH, false, null)));
    assertEquals(List.of("HD"), twice.extract("CNN HD ᴴᴰ", null).tags());
  }

  @Test
  void matchedRulesAreReportedForDryRuns() {
    Extraction e = DEFAULT.extract("US| CNN HD", "US| NEWS");
    assertEquals(3, e.matchedRules().size(), e.matchedRules().toString());
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource({
    "'  : - CNN | ', CNN",
    "'• ESPN  2 •', ESPN 2",
    "'CNN ()', CNN",
    "'A [] B {} C', A  B  C",
    "'| - :', ''"
  })
  void finalCleanupFollowsTheLegacyOrder(String name, String cleaned) {
    assertEquals(cleaned, TagExtractor.clean(name));
  }

  /** The final cleanup as the legacy tool wrote it: every pattern on every name. */
  private static String cleanWithEveryPattern(String name) {
    String text = name.strip();
    text = text.replaceFirst("^[\\s:\\-|•]+", "");
    text = text.replaceFirst("[\\s:\\-|•]+$", "");
    text = text.replaceAll("\\s+", " ");
    text = text.replaceAll("\\(\\)|\\[\\]|\\{\\}", "");
    return text.strip();
  }

  @Test
  void theCleanupSkipsOnlyPatternsThatWouldChangeNothing() {
    List<String> names =
        List.of(
            "CNN",
            " CNN ",
            "\tCNN\r\n",
            "A\u000BB",
            "A\fB",
            "A  B",
            "A \tB",
            "A\u00a0B",
            "\u2003CNN\u2003",
            "-CNN-",
            "•CNN•",
            "|CNN:",
            ": CNN",
            "CNN ()",
            "()",
            "A(B)C",
            "[] {}",
            "A [ ] B",
            "",
            "   ",
            "-\u00a0-",
            "x\u0085y",
            "CNN -\u0085",
            "CNN\u0085",
            "\u0085- CNN");
    for (String name : names) {
      assertEquals(cleanWithEveryPattern(name), TagExtractor.clean(name), name);
    }
  }

  @Test
  void theCleanedNameAloneIsTheOneExtractionComputesForEveryCapturedName() throws Exception {
    int checked = 0;
    for (String capture : List.of("eternal", "hellraiser", "iris", "tnt")) {
      try (jakarta.json.JsonReader reader =
          jakarta.json.Json.createReader(
              java.nio.file.Files.newBufferedReader(
                  java.nio.file.Path.of(
                      "src/test/resources/provider/xtream", capture, "get_live_streams.json")))) {
        for (jakarta.json.JsonValue value : reader.readArray()) {
          String name = value.asJsonObject().getString("name", "");
          for (String variant : List.of(name, name + " HD", "UK| " + name + " [X] (Y)")) {
            assertEquals(
                DEFAULT.extract(variant, "US| NEWS ᴴᴰ").cleanedName(),
                DEFAULT.cleanedName(variant),
                variant);
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 50_000, "checked " + checked);
  }

  @Test
  void theCleanedNameAloneFollowsCleanupCaptureAndReplacementRules() {
    TagExtractor rules =
        new TagExtractor(
            List.of(
                Rule.of(
                    1,
                    PatternType.CONTAINS,
                    "VIP",
                    TagExtractor.CLEANUP,
                    RuleSource.BOTH,
                    true,
                    null),
                Rule.of(
                    2,
                    PatternType.REGEX,
                    "^([A-Z]{2}):",
                    TagExtractor.CAPTURE,
                    RuleSource.CHANNEL_NAME,
                    true,
                    "#"),
                Rule.of(
                    3,
                    PatternType.CONTAINS,
                    "SPORT",
                    "SPORTS",
                    RuleSource.CATEGORY_NAME,
                    true,
                    null),
                Rule.of(4, PatternType.SUFFIX, "HD", "HD", RuleSource.BOTH, false, null)));
    for (String name : List.of("DE: VIP Sport HD", "VIP", "FR:SPORT", "nothing", "")) {
      assertEquals(rules.extract(name, "SPORTS VIP").cleanedName(), rules.cleanedName(name), name);
    }
    assertEquals("# Sport HD", rules.cleanedName("DE: VIP Sport HD"));
  }
}
