package dev.lineup.sync.control;

import java.util.function.BinaryOperator;

/**
 * How a sync names the channels it writes: their cleaned names, by the account's tag rules. The tag
 * feature provides it (it sits above the sync, so the sync asks through this interface rather than
 * importing it).
 */
public interface ChannelNaming {
  /**
   * The account's cleaning as its rules stand now: (channel name, its category's name or null) →
   * cleaned name. Safe to use from several threads.
   */
  BinaryOperator<String> cleaning(long accountId);
}
