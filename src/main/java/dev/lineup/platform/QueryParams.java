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
}
