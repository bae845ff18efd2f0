package dev.lineup.platform;

/**
 * CDI event: the stored channels of an account (or of every account, {@code accountId} null) were
 * written — added, changed, (de)activated, filtered anew or deleted. What keeps derived figures in
 * memory (the preview's totals) drops them.
 */
public record ChannelsChanged(Long accountId) {
  public static ChannelsChanged all() {
    return new ChannelsChanged(null);
  }
}
