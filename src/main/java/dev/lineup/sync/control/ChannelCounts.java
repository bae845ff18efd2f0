package dev.lineup.sync.control;

/**
 * How many channels an account has, for its sync status: the channel feature keeps them in memory
 * (it sits above the sync, so the sync asks through this interface), so a page of account cards
 * does not count every account's channels on each view.
 */
public interface ChannelCounts {
  /**
   * @param activePassing active channels that pass the account's filters
   */
  record Counts(long active, long inactive, long activePassing) {}

  Counts of(long accountId);
}
