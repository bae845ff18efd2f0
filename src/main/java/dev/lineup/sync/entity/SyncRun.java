package dev.lineup.sync.entity;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One sync attempt of one account: what started it, how far it got, what it changed. Written with
 * plain JDBC by {@code SyncRuns} on the sync's own connection (see ADR 2).
 */
public class SyncRun {
  public enum Status {
    RUNNING,
    OK,
    FAILED,
    SUSPICIOUS,
    CANCELLED;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String code) {
      return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public enum Trigger {
    MANUAL,
    SCHEDULE;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a run syncs: both lists, or one of them. */
  public enum Scope {
    ALL,
    CATEGORIES,
    CHANNELS;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean categories() {
      return this != CHANNELS;
    }

    public boolean channels() {
      return this != CATEGORIES;
    }
  }

  /** Added, updated, reactivated and deactivated rows of one table. */
  public record Changes(int fetched, int added, int updated, int reactivated, int deactivated) {
    public static final Changes NONE = new Changes(0, 0, 0, 0, 0);

    public int written() {
      return added + updated + reactivated + deactivated;
    }
  }

  public Long id;
  public long accountId;
  public String accountName;
  public String trigger;
  public String scope;
  public boolean forced;
  public Status status = Status.RUNNING;
  public String phase;
  public LocalDateTime startedAt;
  public LocalDateTime finishedAt;
  public Long durationMs;
  public Changes categories = Changes.NONE;
  public Changes channels = Changes.NONE;
  public String message;

  /** The account's active channels when the run ended; null while it runs. */
  public Integer channelsActive;

  /** Of those, how many have a guide (recorded by guide matching after the run), or null. */
  public Integer channelsGuided;

  /** The tag processing that followed a successful sync, or null (not stored). */
  public Map<String, Object> tagging;

  /** Time spent merging the staged lists into the tables (the rest is fetching and staging). */
  public Long writeMs;

  public static SyncRun start(
      long accountId, String accountName, Trigger trigger, Scope scope, boolean forced) {
    SyncRun run = new SyncRun();
    run.accountId = accountId;
    run.accountName = accountName;
    run.trigger = trigger.code();
    run.scope = scope.code();
    run.forced = forced;
    run.startedAt = LocalDateTime.now(ZoneOffset.UTC);
    run.phase = "starting";
    return run;
  }

  public void finish(Status outcome, String message) {
    this.status = outcome;
    this.message = message;
    this.phase = "done";
    this.finishedAt = LocalDateTime.now(ZoneOffset.UTC);
    this.durationMs = ChronoUnit.MILLIS.between(startedAt, finishedAt);
  }

  public boolean succeeded() {
    return status == Status.OK;
  }

  /** How the run looks in the API. */
  public SyncRunView view() {
    return SyncRunView.of(this);
  }

  /**
   * One line for the log: "Sync of account 3 'Name' (manual): ok in 812 ms, channels +5 ~2 ^0 -1".
   */
  public String summary() {
    return "Sync of account "
        + accountId
        + " '"
        + accountName
        + "' ("
        + trigger
        + (forced ? ", forced" : "")
        + (scope.equals("all") ? "" : ", " + scope + " only")
        + "): "
        + status.code()
        + " in "
        + durationMs
        + " ms"
        + (writeMs == null ? "" : " (writing " + writeMs + " ms)")
        + "; categories "
        + counts(categories)
        + "; channels "
        + counts(channels)
        + (message == null ? "" : "; " + message);
  }

  private static String counts(Changes c) {
    return c.fetched()
        + " fetched, +"
        + c.added()
        + " ~"
        + c.updated()
        + " ^"
        + c.reactivated()
        + " -"
        + c.deactivated();
  }
}
