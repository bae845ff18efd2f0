package dev.lineup.provider.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A panel's {@code user_info.exp_date}, read as panels really send it: Unix seconds as a number or
 * a string, milliseconds now and then, {@code null}, {@code ""}, {@code "0"} or a negative number
 * for a subscription that never expires, and now and then a date written out ({@code "2027-01-31
 * 00:00:00"}). Anything else (words, dates before 2000 or after 9999) is "not said", never 1970.
 */
public final class ExpiryDate {
  /** Before this, a date is junk (a zero, a typo), not an expiry. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** 10^11 seconds is the year 5138: a larger number is milliseconds. */
  private static final long MILLIS_ABOVE = 100_000_000_000L;

  private static final List<DateTimeFormatter> WRITTEN =
      List.of(
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
          DateTimeFormatter.ISO_LOCAL_DATE_TIME);

  private ExpiryDate() {}

  /**
   * Whether the panel wrote an expiry that {@link #parse} cannot read (words, a date before 2000):
   * not the same as "never expires" ({@code null}, empty, {@code 0} or a negative number).
   */
  public static boolean unreadable(String raw) {
    if (raw == null || raw.isBlank() || raw.strip().equalsIgnoreCase("null")) {
      return false;
    }
    try {
      if (Double.parseDouble(raw.strip()) <= 0) {
        return false;
      }
    } catch (NumberFormatException e) {
      // words or a written date: read below
    }
    return parse(raw).isEmpty();
  }

  /** When the subscription ends (UTC), or empty when it never does or the panel said nothing. */
  public static Optional<Instant> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.strip();
    if (text.isEmpty() || text.length() > 40) {
      return Optional.empty();
    }
    Instant at = number(text);
    if (at == null) {
      at = written(text);
    }
    if (at == null || at.isBefore(EARLIEST) || at.getEpochSecond() > 253_402_300_799L) {
      return Optional.empty();
    }
    return Optional.of(at);
  }

  private static Instant number(String text) {
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value) || value <= 0) {
        return null;
      }
      long whole = (long) value;
      return whole >= MILLIS_ABOVE ? Instant.ofEpochMilli(whole) : Instant.ofEpochSecond(whole);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant written(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset: try the local forms, read as UTC
    }
    for (DateTimeFormatter format : WRITTEN) {
      try {
        return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // next form
      }
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
