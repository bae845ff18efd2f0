package dev.lineup.sync.control;

import dev.lineup.platform.AccountLock;
import dev.lineup.platform.Leases;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ServerBeat.Beat;
import dev.lineup.sync.control.SyncProgress.Snapshot;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Changes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The {@code sync_runs} table: recording runs as they go, and reading the history back. */
@ApplicationScoped
public class SyncRuns {
  private static final Logger LOG = Logger.getLogger(SyncRuns.class.getName());
  private static final String COLUMNS =
      "r.id, r.account_id, a.name, r.trigger_type, r.scope, r.forced, r.status, r.phase,"
          + " r.started_at, r.finished_at, r.duration_ms, r.categories_fetched, r.categories_added,"
          + " r.categories_updated, r.categories_reactivated, r.categories_deactivated,"
          + " r.channels_fetched, r.channels_added, r.channels_updated, r.channels_reactivated,"
          + " r.channels_deactivated, r.message, r.channels_active, r.channels_guided";

  /** How a run that a stopped server left running is closed. */
  private static final String INTERRUPTED =
      "status = 'failed', phase = 'done', message = CONCAT('Interrupted: the server running this"
          + " sync (', COALESCE(server_name, 'unknown'), ') stopped.')";

  /** True for a run (of {@code sync_runs}) whose account's lease is dead: no server runs it. */
  private static final String ORPHANED =
      "NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = CONCAT('"
          + AccountLock.PREFIX
          + "', account_id) AND "
          + Leases.LIVE
          + ")";

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject SyncConfig config;
  @Inject Event<Snapshot> progressed;

  /**
   * Records a new running run. Runs of this account still marked running are from a server that
   * stopped mid-sync (the caller holds the account's lock): they are closed as failed.
   */
  void begin(Connection connection, SyncRun run, String serverName) throws SQLException {
    try (PreparedStatement orphans =
        connection.prepareStatement(
            "UPDATE sync_runs SET "
                + INTERRUPTED
                + ", finished_at = ?"
                + " WHERE account_id = ? AND status = 'running'")) {
      orphans.setTimestamp(1, Timestamp.valueOf(run.startedAt));
      orphans.setLong(2, run.accountId);
      orphans.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sync_runs (account_id, trigger_type, scope, forced, status, phase,"
                + " server_name, started_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, run.accountId);
      insert.setString(2, run.trigger);
      insert.setString(3, run.scope);
      insert.setBoolean(4, run.forced);
      insert.setString(5, run.phase);
      insert.setString(6, serverName);
      insert.setTimestamp(7, Timestamp.valueOf(run.startedAt));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        run.id = keys.getLong(1);
      }
    }
  }

  /** Records the run's phase, on a pooled connection (see {@link ChannelSync}). */
  void phase(SyncRun run) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE sync_runs SET phase = ? WHERE id = ?")) {
      update.setString(1, run.phase);
      update.setLong(2, run.id);
      update.executeUpdate();
    }
  }

  /**
   * Whether someone asked (on any server) to cancel the run, on a pooled connection (a sync's own
   * may be inside a first sync's transaction, which would not see a later cancel).
   */
  boolean cancelRequested(long runId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT cancel_requested FROM sync_runs WHERE id = ?")) {
      query.setLong(1, runId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      return false; // a cancel check is no reason to fail a sync
    }
  }

  /** Stores the outcome and trims the account's history to the kept number of runs. */
  void end(Connection connection, SyncRun run) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active = TRUE")) {
      count.setLong(1, run.accountId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        run.channelsActive = rs.getInt(1); // the history's figure, and the run's answer's
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sync_runs SET status = ?, phase = ?, finished_at = ?, duration_ms = ?,"
                + " categories_fetched = ?, categories_added = ?, categories_updated = ?,"
                + " categories_reactivated = ?, categories_deactivated = ?, channels_fetched = ?,"
                + " channels_added = ?, channels_updated = ?, channels_reactivated = ?,"
                + " channels_deactivated = ?, message = ?, channels_active = ? WHERE id = ?")) {
      int i = 1;
      update.setString(i++, run.status.code());
      update.setString(i++, run.phase);
      update.setTimestamp(i++, Timestamp.valueOf(run.finishedAt));
      update.setLong(i++, run.durationMs);
      for (Changes c : List.of(run.categories, run.channels)) {
        update.setInt(i++, c.fetched());
        update.setInt(i++, c.added());
        update.setInt(i++, c.updated());
        update.setInt(i++, c.reactivated());
        update.setInt(i++, c.deactivated());
      }
      update.setString(i++, run.message);
      update.setInt(i++, run.channelsActive);
      update.setLong(i, run.id);
      update.executeUpdate();
    }
    trimHistory(connection, run.accountId);
  }

  /** Deletes the account's runs beyond the kept number; returns how many. */
  int trimHistory(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM sync_runs WHERE account_id = ? AND status <> 'running' AND id < ("
                + " SELECT id FROM (SELECT id FROM sync_runs WHERE account_id = ?"
                + "  ORDER BY id DESC LIMIT 1 OFFSET ?) AS keep)")) {
      delete.setLong(1, accountId);
      delete.setLong(2, accountId);
      delete.setInt(3, config.historyKeep() - 1);
      return delete.executeUpdate();
    }
  }

  /** Asks a running sync of the account to stop; true when one was running. */
  public Optional<Long> requestCancel(long accountId) {
    try (Connection connection = dataSource.getConnection()) {
      Optional<Long> running = running(connection, accountId);
      if (running.isPresent()) {
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sync_runs SET cancel_requested = TRUE WHERE id = ?")) {
          update.setLong(1, running.get());
          update.executeUpdate();
        }
      }
      return running;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reach the database", e);
    }
  }

  /** The id of the account's running sync, if any (on any server). */
  public Optional<Long> running(long accountId) {
    try (Connection connection = dataSource.getConnection()) {
      return running(connection, accountId);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reach the database", e);
    }
  }

  /**
   * The 409 answer to a sync of an account whose sync already runs, naming the running run when its
   * record is there ({@code running_run_id}).
   */
  public ProblemException alreadyRunning(long accountId, Optional<Long> running) {
    ProblemException busy =
        ProblemException.conflict(
            "A sync of account "
                + accountId
                + " is already running"
                + running.map(id -> " (run " + id + ")").orElse("")
                + ".");
    running.ifPresent(id -> busy.with("running_run_id", id));
    return busy;
  }

  /** Refuses with {@link #alreadyRunning} when a sync of the account runs (on any server). */
  public void refuseWhileRunning(long accountId) {
    Optional<Long> running = running(accountId);
    if (running.isPresent()) {
      throw alreadyRunning(accountId, running);
    }
  }

  private Optional<Long> running(Connection connection, long accountId) throws SQLException {
    // The lease tells whether a sync really runs; the row tells which one. A row without a live
    // lease is a stopped server's run: closed now, so no answer shows it running.
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT MAX(id) FROM sync_runs WHERE account_id = ? AND status = 'running'")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        if (rs.wasNull()) {
          return Optional.empty();
        }
        if (!AccountLock.held(connection, accountId)) {
          closeInterrupted(connection, id, accountId);
          return Optional.empty();
        }
        return Optional.of(id);
      }
    }
  }

  /**
   * Closes the runs still marked running whose account lease is dead: the server running them
   * stopped (crashed, killed, lost its database connection). Every server looks on each {@link
   * Beat}, so the history tells the truth within seconds, not at the account's next sync; the
   * server whose update closes a run announces its end to the progress streams.
   */
  void closeInterrupted(@Observes Beat beat) {
    try (Connection connection = dataSource.getConnection()) {
      List<long[]> orphans = new ArrayList<>();
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, account_id FROM sync_runs WHERE status = 'running' AND " + ORPHANED);
          ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          orphans.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      for (long[] orphan : orphans) {
        closeInterrupted(connection, orphan[0], orphan[1]);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warning(() -> "Could not close interrupted sync runs: " + e.getMessage());
    }
  }

  /**
   * Closes the run if it still runs without a live lease of its account; the server whose update
   * closed it logs it and announces the end to the progress streams.
   */
  private void closeInterrupted(Connection connection, long runId, long accountId)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sync_runs SET "
                + INTERRUPTED
                + ", finished_at = UTC_TIMESTAMP()"
                + " WHERE id = ? AND status = 'running' AND "
                + ORPHANED)) {
      update.setLong(1, runId);
      if (update.executeUpdate() == 1) {
        LOG.warning(
            () ->
                "Sync run "
                    + runId
                    + " of account "
                    + accountId
                    + " closed as interrupted: the server running it stopped");
        progressed.fire(new Snapshot(accountId, runId, "done", 0, 0, "failed"));
      }
    }
  }

  public List<SyncRun> history(long accountId, int limit) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM sync_runs r JOIN accounts a ON a.id = r.account_id"
            + " WHERE r.account_id = ? ORDER BY r.id DESC LIMIT ?",
        accountId,
        limit);
  }

  public Optional<SyncRun> last(long accountId) {
    return history(accountId, 1).stream().findFirst();
  }

  public Optional<SyncRun> lastSuccessful(long accountId) {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM sync_runs r JOIN accounts a ON a.id = r.account_id"
                + " WHERE r.account_id = ? AND r.status = 'ok' ORDER BY r.id DESC LIMIT ?",
            accountId,
            1)
        .stream()
        .findFirst();
  }

  private List<SyncRun> query(String sql, long accountId, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, accountId);
      query.setInt(2, limit);
      List<SyncRun> runs = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          runs.add(read(rs));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the sync history", e);
    }
  }

  private static SyncRun read(ResultSet rs) throws SQLException {
    SyncRun run = new SyncRun();
    int i = 1;
    run.id = rs.getLong(i++);
    run.accountId = rs.getLong(i++);
    run.accountName = rs.getString(i++);
    run.trigger = rs.getString(i++);
    run.scope = rs.getString(i++);
    run.forced = rs.getBoolean(i++);
    run.status = SyncRun.Status.of(rs.getString(i++));
    run.phase = rs.getString(i++);
    run.startedAt = localDateTime(rs.getTimestamp(i++));
    run.finishedAt = localDateTime(rs.getTimestamp(i++));
    long duration = rs.getLong(i++);
    run.durationMs = rs.wasNull() ? null : duration;
    run.categories =
        new Changes(rs.getInt(i++), rs.getInt(i++), rs.getInt(i++), rs.getInt(i++), rs.getInt(i++));
    run.channels =
        new Changes(rs.getInt(i++), rs.getInt(i++), rs.getInt(i++), rs.getInt(i++), rs.getInt(i++));
    run.message = rs.getString(i++);
    run.channelsActive = integer(rs, i++);
    run.channelsGuided = integer(rs, i);
    return run;
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static LocalDateTime localDateTime(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toLocalDateTime();
  }
}
