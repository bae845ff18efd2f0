package dev.lineup.tag.entity;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one normalisation of tag names: upper case, superscript letters and digits mapped to plain
 * ones, anything but letters, digits, underscore, whitespace and '-' dropped, whitespace runs to
 * '_', '_' runs collapsed and trimmed; fewer than 2 characters is no tag. ("prime video" →
 * PRIME_VIDEO, "4K HDR" → 4K_HDR, "ᴿᴬᵂ" → RAW.)
 */
public final class TagName {
  private static final Map<Character, Character> SUPERSCRIPTS =
      Map.ofEntries(
          Map.entry('ᴿ', 'R'),
          Map.entry('ᴬ', 'A'),
          Map.entry('ᵂ', 'W'),
          Map.entry('ᴹ', 'M'),
          Map.entry('ᴰ', 'D'),
          Map.entry('⁶', '6'),
          Map.entry('⁰', '0'),
          Map.entry('ᶠ', 'F'),
          Map.entry('ᵖ', 'P'),
          Map.entry('ˢ', 'S'),
          Map.entry('ᴮ', 'B'),
          Map.entry('ᴷ', 'K'),
          Map.entry('ᴸ', 'L'),
          Map.entry('ᴺ', 'N'),
          Map.entry('ᵀ', 'T'),
          Map.entry('ᵁ', 'U'),
          Map.entry('ⁱ', 'I'),
          Map.entry('ⁿ', 'N'));
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern UNDERSCORES = Pattern.compile("_+");

  private TagName() {}

  /** The normalised tag name, or null when nothing of at least 2 characters is left. */
  public static String normalise(String raw) {
    if (raw == null) {
      return null;
    }
    String upper = raw.toUpperCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(upper.length());
    upper
        .codePoints()
        .forEach(
            cp -> {
              Character plain = cp <= 0xFFFF ? SUPERSCRIPTS.get((char) cp) : null;
              if (plain != null) {
                kept.append(plain.charValue());
              } else if (Character.isLetterOrDigit(cp)
                  || cp == '_'
                  || cp == '-'
                  || Character.isWhitespace(cp)) {
                kept.appendCodePoint(cp);
              }
            });
    String name = WHITESPACE.matcher(kept.toString().strip()).replaceAll("_");
    name = UNDERSCORES.matcher(name).replaceAll("_");
    int start = 0;
    int end = name.length();
    while (start < end && name.charAt(start) == '_') {
      start++;
    }
    while (end > start && name.charAt(end - 1) == '_') {
      end--;
    }
    name = name.substring(start, end);
    return name.codePointCount(0, name.length()) < 2 ? null : name;
  }
}
