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

  /** The rules that can edit a name: those removing what they match in it. */
  private final List<Rule> nameEditors;

  public TagExtractor(List<Rule> rulesInOrder) {
    this.rules = List.copyOf(rulesInOrder);
    this.nameEditors =
        rules.stream().filter(r -> r.removeFromName() && r.source().channelName()).toList();
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The cleaned name alone, as {@link #extract} computes it (a sync names new channels with it):
   * only the rules that edit a name run, and no tag is built. A rule edits the name only when it
   * matched the name itself, so the category plays no part.
   */
  public String cleanedName(String channelName) {
    String name = channelName == null ? "" : channelName;
    String upperName = name.toUpperCase(Locale.ROOT);
    String cleaned = name;
    for (Rule rule : nameEditors) {
      Match match = rule.match(name, upperName);
      if (match != null) {
        cleaned = edited(rule, cleaned, match);
      }
    }
    return clean(cleaned);
  }

  /** The name after {@code rule}, which matched {@code match} in it, removes or replaces it. */
  private static String edited(Rule rule, String cleaned, Match match) {
    return switch (rule.tagName()) {
      case LOCATION, CALLSIGN -> {
        Matcher bracket = (rule.tagName().equals(LOCATION) ? SQUARE : ROUND).matcher(match.text());
        yield bracket.find()
            ? replaceFirstIgnoreCase(cleaned, match.text(), bracket.group(1))
            : cleaned;
      }
      default -> replaceFirstIgnoreCase(cleaned, match.text(), replacement(rule));
    };
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
      switch (rule.tagName()) {
        case CLEANUP -> {
          // only edits the name
        }
        case LOCATION, CALLSIGN -> {
          Matcher bracket =
              (rule.tagName().equals(LOCATION) ? SQUARE : ROUND).matcher(match.text());
          if (bracket.find()) {
            add(tags, bracket.group(1));
          }
        }
        case CAPTURE -> add(tags, match.group1());
        default -> {
          if (rule.literalTag() != null) {
            tags.add(rule.literalTag()); // normalised once, when the rule was built
          }
        }
      }
      if (inName && rule.removeFromName()) {
        cleaned = edited(rule, cleaned, match);
      }
    }
    return new Extraction(clean(cleaned), List.copyOf(tags), List.copyOf(matched));
  }

  /** The final cleanup of a name, in the legacy order. */
  static String clean(String name) {
    // Each pattern runs only when it can change the text (most names need none of them): a sync
    // cleans every new channel's name.
    String text = name.strip();
    if (!text.isEmpty() && edge(text.charAt(0))) {
      text = LEADING.matcher(text).replaceFirst("");
    }
    // "$" also matches before a final U+0085 (NEL), which strip() keeps.
    if (!text.isEmpty()
        && (edge(text.charAt(text.length() - 1)) || text.charAt(text.length() - 1) == '\u0085')) {
      text = TRAILING.matcher(text).replaceFirst("");
    }
    if (uneven(text)) {
      text = WHITESPACE.matcher(text).replaceAll(" ");
    }
    if (text.contains("()") || text.contains("[]") || text.contains("{}")) {
      text = EMPTY_BRACKETS.matcher(text).replaceAll("");
    }
    return text.strip();
  }

  /** Whether {@code c} is in LEADING's and TRAILING's class: \s, ':', '-', '|' or '•'. */
  private static boolean edge(char c) {
    return space(c) || c == ':' || c == '-' || c == '|' || c == '•';
  }

  /** Java's \s: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Whether WHITESPACE would change the text: a \s other than a space, or two in a row. */
  private static boolean uneven(String text) {
    boolean previous = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean current = space(c);
      if (current && (previous || c != ' ')) {
        return true;
      }
      previous = current;
    }
    return false;
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
