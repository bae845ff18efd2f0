package dev.lineup.sync.control;

import java.util.function.UnaryOperator;

/**
 * How a sync names the channels it writes: their cleaned names, by the account's tag rules. The tag
 * feature provides it (it sits above the sync, so the sync asks through this interface rather than
 * importing it).
 */
public interface ChannelNaming {
  /**
   * The account's cleaning as its rules stand now: channel name → cleaned name (a rule edits a name
   * only where it matched the name, so the category plays no part). Safe to use from several
   * threads.
   */
  UnaryOperator<String> cleaning(long accountId);
}
