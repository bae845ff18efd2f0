package dev.lineup.channel.control;

import java.util.regex.Pattern;

/**
 * What a channel is called when its provider gave it no name: {@code "Channel "} and its number,
 * else its guide id, else its stream id. The playlists' titles and the preview's rows use this one
 * rule, so a nameless channel reads the same in the web UI as in the player. A name of only spaces,
 * control or invisible characters is no name.
 */
public final class ChannelTitle {
  /** Control characters, line and paragraph separators, spaces of every kind, zero-width marks. */
  private static final Pattern NOTHING =
      Pattern.compile("[\\p{Cntrl}\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]+");

  private ChannelTitle() {}

  /**
   * The name's stand-in: the provider's number (above 0), else the guide id, else the stream id.
   */
  public static String fallback(Integer number, String epgChannelId, String streamId) {
    if (number != null && number > 0) {
      return String.valueOf(number);
    }
    return blank(epgChannelId) ? streamId : epgChannelId.strip();
  }

  /** Whether the text says nothing: null, or only spaces, control or invisible characters. */
  public static boolean blank(String text) {
    return text == null || NOTHING.matcher(text).replaceAll("").isEmpty();
  }

  /**
   * The title people see: the cleaned name, else the provider's name, else {@code "Channel "} and
   * the {@link #fallback}; on one line, with single spaces.
   */
  public static String of(
      String cleanedName, String name, Integer number, String epgChannelId, String streamId) {
    if (!blank(cleanedName)) {
      return oneLine(cleanedName);
    }
    if (!blank(name)) {
      return oneLine(name);
    }
    return "Channel " + fallback(number, epgChannelId, streamId);
  }

  private static String oneLine(String text) {
    return NOTHING.matcher(text).replaceAll(" ").strip();
  }
}
