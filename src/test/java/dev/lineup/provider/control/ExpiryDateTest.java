package dev.lineup.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryDateTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1798761600|2027-01-01T00:00:00Z",
        "' 1798761600 '|2027-01-01T00:00:00Z",
        "1798761600.0|2027-01-01T00:00:00Z",
        "1798761600000|2027-01-01T00:00:00Z",
        "2027-01-01 00:00:00|2027-01-01T00:00:00Z",
        "2027-01-01|2027-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z|2027-01-01T00:00:00Z",
        "2027-01-01T02:00:00+02:00|2027-01-01T00:00:00Z",
        "1600000000|2020-09-13T12:26:40Z"
      })
  void anExpiryAsPanelsWriteItIsReadAsThatInstant(String raw, String expected) {
    assertEquals(Optional.of(Instant.parse(expected)), ExpiryDate.parse(raw));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "0",
        "-1",
        "null",
        "unlimited",
        "never",
        "NaN",
        "Infinity",
        "1e400",
        "86400",
        "1970-01-01 00:00:00",
        "99999-01-01",
        "2027-13-45",
        "<script>alert(1)</script>"
      })
  void aMissingZeroOrJunkExpiryIsNotSaidNeverNineteenSeventy(String raw) {
    assertEquals(Optional.empty(), ExpiryDate.parse(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "1970-01-01 00:00:00", "31/12/2027", "2027-13-45"})
  void wordsAndOldDatesAreUnreadableNotNever(String raw) {
    org.junit.jupiter.api.Assertions.assertTrue(ExpiryDate.unreadable(raw));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "0", "-1", "null", "1798761600"})
  void nothingZeroOrAReadableDateIsNotUnreadable(String raw) {
    org.junit.jupiter.api.Assertions.assertFalse(ExpiryDate.unreadable(raw));
  }
}
