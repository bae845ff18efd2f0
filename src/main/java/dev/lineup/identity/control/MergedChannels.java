package dev.lineup.identity.control;

/**
 * Which channels are one channel from several sources: those with the same merge key. The key is a
 * person's group or split ({@code channel_merges}), else the guide channel the channel is mapped
 * to, else its country and normalised name as the matcher computed them, else the channel itself;
 * {@code IdentityColumns} keeps it on the channel, indexed. Within a group, sources go in a
 * person's order, then by account, then by channel id (as {@code ChannelSelection#oneSourceEach}
 * picks the first).
 */
public final class MergedChannels {
  private MergedChannels() {}

  /**
   * A channel's merge key, as {@code IdentityColumns} keeps it on the channel ({@code c}): a
   * channel without one is alone.
   */
  public static final String KEY = "COALESCE(c.merge_key, CONCAT('c:', c.id))";

  /** A source's place in its group: a person's, else after them. */
  public static final String POSITION = "COALESCE(c.merge_position, 1000000)";
}
