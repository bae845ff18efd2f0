package dev.lineup.platform;

/** The answer to a DELETE that removed something: {@code {success: true, message}}. */
public record Deleted(boolean success, String message) {
  public Deleted(String message) {
    this(true, message);
  }
}
