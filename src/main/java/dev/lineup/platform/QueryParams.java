package dev.lineup.platform;

import java.util.Locale;

/**
 * Query parameters read as text and checked here, so a bad value is a 400 problem naming the
 * parameter (JAX-RS would answer an unconvertible {@code @QueryParam} with a bare 404).
 */
public final class QueryParams {
  private QueryParams() {}

  public static boolean bool(String name, String value, boolean fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ProblemException.badRequest(name + " must be true or false.");
    };
  }

  public static int integer(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        name + " must be a whole number from " + min + " to " + max + ".");
  }

  /** A page's size and start. */
  public record Paging(int limit, int offset) {}

  /** {@code limit} (1 to {@code max}, default {@code fallback}) and {@code offset} (0 or more). */
  public static Paging paging(String limit, String offset, int fallback, int max) {
    return new Paging(
        integer("limit", limit, fallback, 1, max), integer("offset", offset, 0, 0, 1_000_000_000));
  }

  /** A search text: stripped, null when blank, at most 200 characters. */
  public static String search(String value) {
    String text = value == null || value.isBlank() ? null : value.strip();
    if (text != null && text.length() > 200) {
      throw ProblemException.badRequest("search must be at most 200 characters.");
    }
    return text;
  }
}
