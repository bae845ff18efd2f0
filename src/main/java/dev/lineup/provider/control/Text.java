package dev.lineup.provider.control;

/** Small text fixes for what providers send, before it meets the database's column limits. */
final class Text {
  private Text() {}

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** Cuts text to a column's length (in characters), so one odd row cannot fail a whole sync. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
  }
}
