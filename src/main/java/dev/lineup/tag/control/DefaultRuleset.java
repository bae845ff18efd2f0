package dev.lineup.tag.control;

import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import java.util.List;

/** The legacy tool's "Default" ruleset, rule for rule (docs/tags.md). */
public final class DefaultRuleset {
  public static final String NAME = "Default";
  public static final String DESCRIPTION =
      "Country prefixes, quality and frame-rate marks, genres from categories, locations and call signs";

  /** A rule as created in the default ruleset. */
  public record RuleSpec(
      String name,
      int priority,
      PatternType type,
      String pattern,
      String tagName,
      RuleSource source,
      boolean removeFromName) {}

  private DefaultRuleset() {}

  public static List<RuleSpec> rules() {
    PatternType prefix = PatternType.PREFIX;
    PatternType contains = PatternType.CONTAINS;
    PatternType regex = PatternType.REGEX;
    RuleSource both = RuleSource.BOTH;
    RuleSource name = RuleSource.CHANNEL_NAME;
    RuleSource category = RuleSource.CATEGORY_NAME;
    return List.of(
        new RuleSpec("US prefix", 10, prefix, "US|", "US", both, true),
        new RuleSpec("UK prefix", 10, prefix, "UK|", "UK", both, true),
        new RuleSpec("CA prefix", 10, prefix, "CA|", "CA", both, true),
        new RuleSpec("US: prefix", 10, regex, "^US:\\s*", "US", name, true),
        new RuleSpec("GO: prefix", 10, regex, "^GO:\\s*", "GO", name, true),
        new RuleSpec("PRIME prefix", 15, prefix, "PRIME:", "PRIME", both, true),
        new RuleSpec("UHD mark", 17, contains, "ᵁᴴᴰ", "UHD", both, true),
        new RuleSpec("HD mark", 18, contains, "ᴴᴰ", "HD", both, true),
        new RuleSpec("HD/RAW mark", 18, contains, "ᴴᴰ/ᴿᴬᵂ", "HD", both, true),
        new RuleSpec("RAW mark", 20, contains, "ᴿᴬᵂ", "RAW", both, true),
        new RuleSpec("60 FPS mark", 20, contains, "⁶⁰ᶠᵖˢ", "60FPS", both, true),
        new RuleSpec("4K", 20, regex, "\\b4K\\b", "4K", both, true),
        new RuleSpec("FHD", 20, regex, "\\bFHD\\b", "FHD", both, true),
        new RuleSpec("3840p", 20, regex, "\\b3840P?\\b", "4K", both, true),
        new RuleSpec("2160p", 20, regex, "\\b2160P?\\b", "4K", both, true),
        new RuleSpec("1080p", 20, regex, "\\b1080P?\\b", "FHD", both, true),
        new RuleSpec("HD", 22, regex, "\\bHD\\b", "HD", both, true),
        new RuleSpec("Sports category", 30, contains, "SPORT", "SPORTS", category, false),
        new RuleSpec("News category", 30, contains, "NEWS", "NEWS", category, false),
        new RuleSpec("Movies category", 30, contains, "MOVIE", "MOVIES", category, false),
        new RuleSpec("Location", 85, regex, "\\[([^\\]]+)\\]", TagExtractor.LOCATION, name, true),
        new RuleSpec("Call sign", 86, regex, "\\(([^\\)]+)\\)", TagExtractor.CALLSIGN, name, true));
  }

  /** The default rules as an extractor, ordered by priority then position. */
  public static TagExtractor extractor() {
    List<RuleSpec> specs = rules();
    List<TagExtractor.Rule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      RuleSpec s = specs.get(i);
      rules.add(
          TagExtractor.Rule.of(
              i + 1, s.type(), s.pattern(), s.tagName(), s.source(), s.removeFromName(), null));
    }
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingInt(i -> specs.get(i).priority()));
    return new TagExtractor(order.stream().map(rules::get).toList());
  }
}
