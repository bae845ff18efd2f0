package dev.lineup.channel.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.platform.QueryParams;
import dev.lineup.tag.entity.TagName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a preview asks for, checked once for both endpoints and both paths: a bad value is a 400
 * problem naming the parameter.
 *
 * @param tags normalised tag names (empty: no tag condition)
 * @param after the keyset cursor (the last row of the previous page), or null
 */
public record PreviewRequest(
    int limit,
    int offset,
    Cursor after,
    Set<String> tags,
    boolean matchAll,
    String search,
    boolean includeInactive,
    boolean applyFilters,
    boolean merged) {

  public static final int MAX_LIMIT = 500;

  /** A position in (name, id) order, passed to clients as an opaque string. */
  public record Cursor(String name, long id) {
    public String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((id + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String plain =
            new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        return new Cursor(plain.substring(colon + 1), Long.parseLong(plain.substring(0, colon)));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw ProblemException.badRequest(
            "after must be the next_after value of a previous page of the same preview.");
      }
    }
  }

  public static PreviewRequest parse(
      String limit,
      String offset,
      String after,
      String tags,
      String match,
      String search,
      String includeInactive,
      String applyFilters,
      String merged) {
    int parsedLimit = QueryParams.integer("limit", limit, 50, 1, MAX_LIMIT);
    int parsedOffset = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
    Cursor cursor = after == null || after.isBlank() ? null : Cursor.decode(after);
    if (cursor != null && parsedOffset > 0) {
      throw ProblemException.badRequest(
          "Use either offset or after, not both: after already says where the page starts.");
    }
    boolean all;
    String mode = match == null || match.isBlank() ? "any" : match.strip().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "any" -> all = false;
      case "all" -> all = true;
      default -> throw ProblemException.badRequest("match must be any or all.");
    }
    if (search != null && search.length() > 200) {
      throw ProblemException.badRequest("search must be at most 200 characters.");
    }
    return new PreviewRequest(
        parsedLimit,
        parsedOffset,
        cursor,
        tagNames(tags),
        all,
        search == null || search.isBlank() ? null : search.strip(),
        QueryParams.bool("include_inactive", includeInactive, false),
        QueryParams.bool("apply_filters", applyFilters, true),
        QueryParams.bool("merged", merged, false));
  }

  /**
   * Comma-separated tags, normalised like stored tag names; a name that normalises to nothing is an
   * error.
   */
  private static Set<String> tagNames(String tags) {
    Set<String> names = new LinkedHashSet<>();
    if (tags == null || tags.isBlank()) {
      return names;
    }
    List<String> invalid = new ArrayList<>();
    for (String raw : tags.split(",")) {
      if (raw.isBlank()) {
        continue;
      }
      String name = TagName.normalise(raw);
      if (name == null) {
        invalid.add(raw.strip());
      } else {
        names.add(name);
      }
    }
    if (!invalid.isEmpty()) {
      throw ProblemException.badRequest(
          "tags must be tag names of at least 2 letters or digits; not: "
              + String.join(", ", invalid));
    }
    if (names.size() > 50) {
      throw ProblemException.badRequest("tags can list at most 50 tags.");
    }
    return names;
  }
}
