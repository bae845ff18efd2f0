package dev.lineup.tag.control;

import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import dev.lineup.tag.entity.TagName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Extracts tags from a channel's name and category name and computes its cleaned name, with the
 * legacy tool's semantics exactly (see docs/tags.md). Built once per run from the account's rules
 * in order (rule priority, then ruleset order); each pattern is compiled once. Immutable and
 * thread-safe.
 */
public final class TagExtractor {
  public static final String LOCATION = "__LOCATION__";
  public static final String CALLSIGN = "__CALLSIGN__";
  public static final String CLEANUP = "__CLEANUP__";
  public static final String CAPTURE = "__CAPTURE__";

  private static final Pattern SQUARE = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern ROUND = Pattern.compile("\\(([^)]*)\\)");
  private static final Pattern LEADING = Pattern.compile("^[\\s:\\-|•]+");
  private static final Pattern TRAILING = Pattern.compile("[\\s:\\-|•]+$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\)|\\[\\]|\\{\\}");

  /** One rule, ready to match. {@code regex} is null for a regex that does not compile. */
  public record Rule(
      long id,
      PatternType type,
      String pattern,
      Pattern regex,
      String tagName,
      RuleSource source,
      boolean removeFromName,
      String replacement,
      String upperPattern,
      String literalTag) {

    public static Rule of(
        long id,
        PatternType type,
        String pattern,
        String tagName,
        RuleSource source,
        boolean removeFromName,
        String replacement) {
      return new Rule(
          id,
          type,
          pattern,
          type == PatternType.REGEX ? compile(pattern) : null,
          tagName,
          source,
          removeFromName,
          replacement,
          pattern == null ? null : pattern.toUpperCase(Locale.ROOT),
          TagName.normalise(tagName));
    }

    /** The compiled pattern, or null when it does not compile: such a rule never matches. */
    public static Pattern compile(String regex) {
      try {
        // Unicode case folding costs time on every character; an ASCII pattern does not need it.
        boolean ascii = regex.chars().allMatch(c -> c < 128);
        return Pattern.compile(
            regex,
            ascii ? Pattern.CASE_INSENSITIVE : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        return null;
      }
    }

    /**
     * The matched text (and capture group 1 for regexes), or null when the text does not match.
     * Literal patterns compare the upper-cased text (computed once per channel in {@code upper})
     * and take the matched characters from the original.
     */
    Match match(String text, String upper) {
      if (text == null || pattern == null || pattern.isEmpty()) {
        return null;
      }
      if (type == PatternType.REGEX) {
        if (regex == null) {
          return null;
        }
        Matcher m = regex.matcher(text);
        if (!m.find()) {
          return null;
        }
        return new Match(m.group(), m.groupCount() >= 1 ? m.group(1) : null);
      }
      if (upper.length() != text.length()) {
        return matchByRegions(text); // upper-casing changed the length (ß → SS): compare in place
      }
      int at =
          switch (type) {
            case PREFIX -> upper.startsWith(upperPattern) ? 0 : -1;
            case SUFFIX ->
                upper.endsWith(upperPattern) ? text.length() - upperPattern.length() : -1;
            default -> upper.indexOf(upperPattern);
          };
      return at < 0 || upperPattern.length() != pattern.length()
          ? (at < 0 ? null : matchByRegions(text))
          : new Match(text.substring(at, at + pattern.length()), null);
    }

    private Match matchByRegions(String text) {
      switch (type) {
        case PREFIX -> {
          return text.regionMatches(true, 0, pattern, 0, pattern.length())
              ? new Match(text.substring(0, pattern.length()), null)
              : null;
        }
        case SUFFIX -> {
          int start = text.length() - pattern.length();
          return start >= 0 && text.regionMatches(true, start, pattern, 0, pattern.length())
              ? new Match(text.substring(start), null)
              : null;
        }
        default -> {
          int at = indexOfIgnoreCase(text, pattern);
          return at < 0 ? null : new Match(text.substring(at, at + pattern.length()), null);
        }
      }
    }
  }

  record Match(String text, String group1) {}

  /** What extraction found for one channel. */
  public record Extraction(String cleanedName, List<String> tags, List<Long> matchedRules) {}

  private final List<Rule> rules;

  public TagExtractor(List<Rule> rulesInOrder) {
    this.rules = List.copyOf(rulesInOrder);
  }

  public List<Rule> rules() {
    return rules;
  }

  public Extraction extract(String channelName, String categoryName) {
    String name = channelName == null ? "" : channelName;
    String upperName = name.toUpperCase(Locale.ROOT);
    String upperCategory = categoryName == null ? null : categoryName.toUpperCase(Locale.ROOT);
    String cleaned = name;
    Set<String> tags = new LinkedHashSet<>();
    List<Long> matched = new ArrayList<>();
    for (Rule rule : rules) {
      Match match = null;
      boolean inName = false;
      if (rule.source().channelName()) {
        match = rule.match(name, upperName);
        inName = match != null;
      }
      if (match == null && rule.source().categoryName()) {
        match = rule.match(categoryName, upperCategory);
      }
      if (match == null) {
        continue;
      }
      matched.add(rule.id());
      boolean edit = inName && rule.removeFromName();
      switch (rule.tagName()) {
        case CLEANUP -> {
          if (edit) {
            cleaned = replaceFirstIgnoreCase(cleaned, match.text(), replacement(rule));
          }
        }
        case LOCATION, CALLSIGN -> {
          Matcher bracket =
              (rule.tagName().equals(LOCATION) ? SQUARE : ROUND).matcher(match.text());
          if (bracket.find()) {
            String contents = bracket.group(1);
            add(tags, contents);
            if (edit) {
              cleaned = replaceFirstIgnoreCase(cleaned, match.text(), contents);
            }
          }
        }
        case CAPTURE -> {
          add(tags, match.group1());
          if (edit) {
            cleaned = replaceFirstIgnoreCase(cleaned, match.text(), replacement(rule));
          }
        }
        default -> {
          if (rule.literalTag() != null) {
            tags.add(rule.literalTag()); // normalised once, when the rule was built
          }
          if (edit) {
            cleaned = replaceFirstIgnoreCase(cleaned, match.text(), replacement(rule));
          }
        }
      }
    }
    return new Extraction(clean(cleaned), List.copyOf(tags), List.copyOf(matched));
  }

  /** The final cleanup of a name, in the legacy order. */
  static String clean(String name) {
    String text = name.strip();
    text = LEADING.matcher(text).replaceFirst("");
    text = TRAILING.matcher(text).replaceFirst("");
    text = WHITESPACE.matcher(text).replaceAll(" ");
    text = EMPTY_BRACKETS.matcher(text).replaceAll("");
    return text.strip();
  }

  private static String replacement(Rule rule) {
    return rule.replacement() == null ? "" : rule.replacement();
  }

  private static void add(Set<String> tags, String raw) {
    String tag = TagName.normalise(raw);
    if (tag != null) {
      tags.add(tag);
    }
  }

  static int indexOfIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return i;
      }
    }
    return -1;
  }

  static String replaceFirstIgnoreCase(String text, String part, String with) {
    if (part.isEmpty()) {
      return text;
    }
    int at = indexOfIgnoreCase(text, part);
    return at < 0 ? text : text.substring(0, at) + with + text.substring(at + part.length());
  }
}
