package dev.lineup.sync.control;

import java.util.Map;

/**
 * CDI event: a sync of an account succeeded and its lineup is written. Fired synchronously by
 * {@link ChannelSync} while it still holds the account's sync lock, so its observers run in their
 * {@code @Priority} order before the run ends and the next sync of the account can start:
 *
 * <ol>
 *   <li>{@link #TAGGING}: tagging ({@code TAGS_AUTO_PROCESS}), which reports its outcome here;
 *   <li>{@link #FILTERING}: the filters, over the new channels and tags;
 *   <li>{@link #FOLLOWING}: what only schedules background work (the search index, the guide).
 * </ol>
 *
 * An observer handles its own failures: one that throws would stop the ones after it.
 */
public final class LineupSynced {
  public static final int TAGGING = 100;
  public static final int FILTERING = 200;
  public static final int FOLLOWING = 300;

  private final long accountId;
  private final long runId;
  private final boolean tag;
  private volatile Map<String, Object> tagging;

  LineupSynced(long accountId, long runId, boolean tag) {
    this.accountId = accountId;
    this.runId = runId;
    this.tag = tag;
  }

  public long accountId() {
    return accountId;
  }

  public long runId() {
    return runId;
  }

  /** Whether the lineup is to be tagged now ({@code TAGS_AUTO_PROCESS}). */
  public boolean tag() {
    return tag;
  }

  /** Records what tagging the lineup did, for the sync run's record. */
  public void tagged(Map<String, Object> outcome) {
    this.tagging = outcome;
  }

  Map<String, Object> tagging() {
    return tagging;
  }
}
