package dev.lineup.filter.control;

import dev.lineup.tag.entity.TagName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The one definition of an account's filters, used alike for counts, preview and playlists: a
 * channel passes when it passes every enabled filter. {@code category} and {@code channel_name}
 * look for a case-insensitive substring, {@code regex} finds its pattern in the channel name, and
 * {@code tag} asks whether the channel has at least one of the comma-listed tags (compared by
 * normalised name). A whitelist filter passes what matches; a blacklist filter passes what does
 * not.
 */
public final class FilterSet {

  /** What a filter looks at. */
  public enum Type {
    CATEGORY,
    CHANNEL_NAME,
    REGEX,
    TAG;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Type> fromCode(String code) {
      return Arrays.stream(values()).filter(t -> t.code().equalsIgnoreCase(code)).findFirst();
    }
  }

  /** Whether a match keeps the channel (whitelist) or drops it (blacklist). */
  public enum Action {
    WHITELIST,
    BLACKLIST;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> fromCode(String code) {
      return Arrays.stream(values()).filter(a -> a.code().equalsIgnoreCase(code)).findFirst();
    }
  }

  /** One enabled filter, ready to evaluate (its regex compiled, its tags normalised, once). */
  public record Filter(Type type, Action action, String value, Pattern regex, Set<String> tags) {
    public static Filter of(Type type, Action action, String value) {
      Pattern regex = null;
      if (type == Type.REGEX) {
        try {
          regex = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          regex = null; // rejected when saved; a stored bad pattern matches nothing
        }
      }
      Set<String> tags =
          type == Type.TAG
              ? Arrays.stream(value.split(","))
                  .map(TagName::normalise)
                  .filter(Objects::nonNull)
                  .collect(Collectors.toUnmodifiableSet())
              : Set.of();
      return new Filter(
          type, action, type == Type.TAG ? value : value.toUpperCase(Locale.ROOT), regex, tags);
    }

    boolean matches(String channelName, String categoryName, Set<String> channelTags) {
      return switch (type) {
        case CATEGORY -> contains(categoryName, value);
        case CHANNEL_NAME -> contains(channelName, value);
        case REGEX -> regex != null && channelName != null && regex.matcher(channelName).find();
        case TAG -> channelTags.stream().anyMatch(tags::contains);
      };
    }

    boolean passes(String channelName, String categoryName, Set<String> channelTags) {
      boolean match = matches(channelName, categoryName, channelTags);
      return action == Action.WHITELIST ? match : !match;
    }

    private static boolean contains(String text, String upperValue) {
      return text != null && text.toUpperCase(Locale.ROOT).contains(upperValue);
    }
  }

  private final List<Filter> filters;

  public FilterSet(List<Filter> enabledFilters) {
    this.filters = List.copyOf(enabledFilters);
  }

  public boolean isEmpty() {
    return filters.isEmpty();
  }

  /** Whether the channel passes every filter; {@code tags} are its normalised tag names. */
  public boolean passes(String channelName, String categoryName, Set<String> tags) {
    for (Filter filter : filters) {
      if (!filter.passes(channelName, categoryName, tags)) {
        return false;
      }
    }
    return true;
  }

  /** Why a filter value cannot be stored, or null when it can. */
  public static String problem(Type type, String value) {
    if (value == null || value.isBlank()) {
      return "is required";
    }
    if (value.length() > 2000) {
      return "must be at most 2000 characters";
    }
    if (type == Type.REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        return "is not a valid regular expression: " + e.getDescription();
      }
    }
    if (type == Type.TAG
        && Arrays.stream(value.split(",")).map(TagName::normalise).allMatch(Objects::isNull)) {
      return "must list at least one tag (comma-separated)";
    }
    return null;
  }
}
