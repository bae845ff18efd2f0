package dev.lineup.tag.control;

/**
 * CDI event: tag processing rewrote the stored tags and cleaned names of an account's channels
 * (outside a sync: a sync's own tagging is followed by its {@code LineupSynced} instead). Fired
 * after the tag run committed and released the account's lock; the filters (tag filters follow the
 * new tags, {@link #FILTERING}) and then the search index (cleaned names changed, {@link
 * #FOLLOWING}) observe it. A failure reaches the caller (the API answers 500), as when the tag
 * resource called them itself.
 *
 * @param channelsUpdated how many channels got another cleaned name
 */
public record TagsChanged(long accountId, int channelsUpdated) {
  public static final int FILTERING = 100;
  public static final int FOLLOWING = 200;
}
