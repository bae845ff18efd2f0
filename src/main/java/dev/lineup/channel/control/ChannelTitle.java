package dev.lineup.channel.control;

/**
 * What a channel is called when its provider gave it no name: {@code "Channel "} and its number,
 * else its guide id, else its stream id. The playlists' titles and the preview's rows use this one
 * rule, so a nameless channel reads the same in the web UI as in the player.
 */
public final class ChannelTitle {
  private ChannelTitle() {}

  /** The name's stand-in: the provider's number, else the guide id, else the stream id. */
  public static String fallback(Integer number, String epgChannelId, String streamId) {
    if (number != null) {
      return String.valueOf(number);
    }
    return epgChannelId == null || epgChannelId.isBlank() ? streamId : epgChannelId;
  }

  /**
   * The title people see: the cleaned name, else the provider's name, else {@code "Channel "} and
   * the {@link #fallback}.
   */
  public static String of(
      String cleanedName, String name, Integer number, String epgChannelId, String streamId) {
    if (cleanedName != null && !cleanedName.isBlank()) {
      return cleanedName.strip();
    }
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    return "Channel " + fallback(number, epgChannelId, streamId);
  }
}
