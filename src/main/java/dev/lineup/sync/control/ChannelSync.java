package dev.lineup.sync.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.account.entity.ServerUrl;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.Crypto;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ServerIdentity;
import dev.lineup.provider.control.M3uPlaylistReader;
import dev.lineup.provider.control.ProviderCategory;
import dev.lineup.provider.control.ProviderChannel;
import dev.lineup.provider.control.ProviderException;
import dev.lineup.provider.control.ProviderHttp;
import dev.lineup.provider.control.Subscriptions;
import dev.lineup.provider.control.XtreamClient;
import dev.lineup.sync.control.SyncProgress.Snapshot;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Changes;
import dev.lineup.sync.entity.SyncRun.Scope;
import dev.lineup.sync.entity.SyncRun.Status;
import dev.lineup.sync.entity.SyncRun.Trigger;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Syncs one account's categories and channels from its provider into the database: fetch into
 * staging, check the safety gate, then apply everything in one transaction — so a failed, cancelled
 * or suspicious sync changes nothing users can see.
 */
@ApplicationScoped
public class ChannelSync {

  private static final Logger LOG = Logger.getLogger(ChannelSync.class.getName());
  private static final String SERVER_NAME = ServerIdentity.NAME;

  /**
   * How often, at most, the reading thread asks the database whether the run was cancelled (on any
   * server); it looks every 1,000 channels: prompt for a person, and nothing next to the fetch.
   */
  private static final long CANCEL_CHECK_NANOS = 500_000_000L;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Inject XtreamClient xtream;
  @Inject M3uPlaylistReader playlists;
  @Inject ProviderHttp http;
  @Inject SyncRuns runs;
  @Inject Event<Snapshot> progressed;
  @Inject Event<LineupSynced> lineupSynced;
  @Inject SyncMetrics metrics;

  @Resource ManagedExecutorService executor;
  @Inject ChannelNaming naming;
  @Inject Event<ChannelsChanged> channelsChanged;
  @Inject Crypto secrets;
  @Inject Subscriptions subscriptions;

  /**
   * TAGS_AUTO_PROCESS (tag a lineup right after each successful sync, so it is never left untagged)
   * and SYNC_MAX_DEACTIVATE_SHARE (above this share of active channels or categories missing, a
   * sync waits for confirmation).
   */
  @Inject SyncConfig config;

  /** Thrown from inside the fetch to stop it: cancelled, or the database failed. */
  private static final class Abort extends RuntimeException {
    final Status status;

    Abort(Status status, String message, Throwable cause) {
      super(message, cause, false, false);
      this.status = status;
    }
  }

  /**
   * Runs one sync of the account now, in the calling thread, and returns its record.
   *
   * @throws ProblemException 404 for an unknown account, 409 while another sync of it runs
   */
  public SyncRun sync(long accountId, Trigger trigger, Scope scope, boolean force) {
    Account account = Account.require(em, accountId);
    Optional<SyncSession> opened;
    try {
      opened = SyncSession.open(dataSource, accountId);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reach the database to sync", e);
    }
    if (opened.isEmpty()) {
      throw runs.alreadyRunning(accountId, runs.running(accountId));
    }
    SyncRun run = SyncRun.start(accountId, account.name(), trigger, scope, force);
    SyncTimings timings = new SyncTimings();
    ProviderException failure;
    try (SyncSession session = opened.get()) {
      try {
        runs.begin(session.connection(), run, SERVER_NAME);
      } catch (SQLException e) {
        throw new IllegalStateException("Could not record the sync run", e);
      }
      failure = execute(session, account, run, scope, force, timings);
      try {
        session.discardUncommitted(); // a first sync's channels, unless the merge committed them
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Could not roll back sync run " + run.id, e);
      }
      if (run.succeeded()) {
        followUp(run);
        timings.mark("tagging, filters");
      }
      try {
        runs.end(session.connection(), run);
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Could not record the end of sync run " + run.id, e);
      }
      timings.mark("record");
    }
    // After the account's lock is given back (a cancelled sync's account can be deleted at once),
    // before "done": the card that reloads on it shows what the panel says now. Not after a
    // cancel: the person asked for no more of this provider.
    if (run.status != Status.CANCELLED) {
      subscriptions.checkAfterSync(account, failure);
      timings.mark("subscription");
    }
    progressed.fire(new Snapshot(accountId, run.id, "done", 0, 0, run.status.code()));
    LOG.info(run::summary);
    LOG.info(() -> "Sync run " + run.id + " steps: " + timings);
    metrics.record(run);
    return run;
  }

  /** Runs the sync's steps into {@code run}; answers the provider's failure, if that ended it. */
  private ProviderException execute(
      SyncSession session,
      Account account,
      SyncRun run,
      Scope scope,
      boolean force,
      SyncTimings timings) {
    try {
      // New and changed channels get their cleaned names from the account's rules as they stand.
      UnaryOperator<String> cleaning = naming.cleaning(account.id());
      boolean m3u = account.providerType() == ProviderType.M3U;
      if (scope.channels()) {
        // Channels to stage (new, changed or returning) are named on the reading thread, in
        // parallel with loading, instead of being read back afterwards.
        session.nameWhileReading(channel -> cleaning.apply(channel.name()));
      }
      if (m3u) {
        fetchPlaylist(session, account, run, scope);
      } else {
        fetchXtream(session, account, run, scope);
      }
      timings.mark("fetch and stage (" + session.stagingSummary() + ")");
      int categoriesFetched = session.categoriesStaged();
      int channelsFetched = session.channelsFetched();
      run.categories = new Changes(categoriesFetched, 0, 0, 0, 0);
      run.channels = new Changes(channelsFetched, 0, 0, 0, 0);
      Optional<String> doubt =
          force
              ? Optional.empty()
              : new SafetyGate(config.maxDeactivateShare())
                  .doubt(
                      false,
                      scope.channels() ? session.channelFigures() : null,
                      scope.categories() ? session.categoryFigures() : null);
      timings.mark("safety gate");
      if (doubt.isPresent()) {
        run.finish(Status.SUSPICIOUS, doubt.get());
        return null;
      }
      phase(run, "writing", channelsFetched);
      long writeStart = System.nanoTime();
      LineupMerge.Applied applied =
          session
              .merge()
              .apply(scope.categories(), scope.channels(), categoriesFetched, channelsFetched);
      run.writeMs = (System.nanoTime() - writeStart) / 1_000_000;
      timings.mark("merge");
      run.categories = applied.categories();
      run.channels = applied.channels();
      run.finish(Status.OK, null);
    } catch (ProviderException e) {
      run.finish(Status.FAILED, e.detail());
      return e;
    } catch (Abort e) {
      if (e.status == Status.FAILED) {
        LOG.log(
            Level.SEVERE, "Sync run " + run.id + " failed writing to the database", e.getCause());
      }
      run.finish(e.status, e.getMessage());
    } catch (SQLException e) {
      LOG.log(Level.SEVERE, "Sync run " + run.id + " failed writing to the database", e);
      run.finish(Status.FAILED, "Database error while writing the lineup; nothing was changed.");
    }
    return null;
  }

  private void fetchXtream(SyncSession session, Account account, SyncRun run, Scope scope) {
    if (scope.categories()) {
      phase(run, "fetching_categories", 0);
      http.withRetries(
          () -> {
            staging(session::resetCategories);
            xtream.liveCategories(
                account.serverUrl(),
                account.username(),
                account.password(),
                category -> staging(() -> session.stage(category)));
            staging(session::flushCategories);
          });
      checkCancelled(run);
    }
    if (scope.channels()) {
      phase(run, "fetching_channels", 0);
      http.withRetries(
          () ->
              stageChannels(
                  session,
                  run,
                  sink ->
                      xtream.liveStreams(
                          account.serverUrl(), account.username(), account.password(), sink)));
      checkCancelled(run);
    }
  }

  /** An M3U playlist holds groups and channels together: one pass stages both. */
  private void fetchPlaylist(SyncSession session, Account account, SyncRun run, Scope scope) {
    phase(run, "fetching_channels", 0);
    AtomicReference<M3uPlaylistReader.Header> guide = new AtomicReference<>();
    http.withRetries(
        () -> {
          // Groups are few; they are kept until the reading thread is done with the playlist.
          List<ProviderCategory> groups = new CopyOnWriteArrayList<>();
          staging(session::resetCategories);
          stageChannels(
              session,
              run,
              sink ->
                  guide.set(
                      playlists.read(
                          account.serverUrl(),
                          groups::add,
                          channel -> {
                            if (scope.channels()) {
                              sink.accept(channel);
                            }
                          })));
          if (scope.categories()) {
            for (ProviderCategory group : groups) {
              staging(() -> session.stage(group));
            }
            staging(session::flushCategories);
          }
        });
    // The guide the playlist names (x-tvg-url), for the guide; only a usable http(s) URL.
    String tvgUrl = guide.get() == null ? null : ServerUrl.firstGuideUrl(guide.get().tvgUrl());
    if (!Objects.equals(tvgUrl, account.providerEpgUrl())) {
      // Stored encrypted like the account's other URLs: it may carry the provider's credentials.
      String stored = secrets.encrypt(tvgUrl);
      staging(() -> session.providerGuide(stored));
    }
    checkCancelled(run);
  }

  /**
   * Runs {@code fetch} on a second thread, which hands the channels to the staging, while this
   * thread (the one owning the sync's connection) loads them into the staging table as chunks fill:
   * reading the provider and writing to MariaDB overlap.
   */
  private void stageChannels(
      SyncSession session, SyncRun run, Consumer<Consumer<ProviderChannel>> fetch) {
    try (ChannelStaging chunks = staging(session::newChannelStaging)) {
      Future<?> reader =
          executor.submit(
              () -> {
                try {
                  long[] nextCancelCheck = {System.nanoTime() + CANCEL_CHECK_NANOS};
                  fetch.accept(
                      channel -> {
                        if (chunks.add(channel, SyncSession.BATCH_SIZE)) {
                          long now = System.nanoTime();
                          if (now - nextCancelCheck[0] >= 0) {
                            nextCancelCheck[0] = now + CANCEL_CHECK_NANOS;
                            if (runs.cancelRequested(run.id)) {
                              throw new Abort(
                                  Status.CANCELLED, "Cancelled; nothing was changed.", null);
                            }
                          }
                          progressed.fire(
                              new Snapshot(
                                  run.accountId,
                                  run.id,
                                  "fetching_channels",
                                  chunks.received(),
                                  0,
                                  "running"));
                        }
                      });
                  chunks.finish();
                } catch (Throwable failure) {
                  chunks.fail(failure);
                }
              });
      try {
        session.channelsStaged(staging(chunks::loadAll));
      } finally {
        reader.cancel(true);
      }
    }
  }

  /**
   * Runs what follows a successful sync, still under its lock ({@link LineupSynced}): tagging,
   * filters, then the background refreshes; then drops what is derived from the old lineup.
   */
  private void followUp(SyncRun run) {
    if (config.autoProcessTags()) {
      progressed.fire(
          new Snapshot(run.accountId, run.id, "tagging", 0, run.channels.fetched(), "running"));
    }
    LineupSynced synced = new LineupSynced(run.accountId, run.id, config.autoProcessTags());
    lineupSynced.fire(synced);
    run.tagging = synced.tagging();
    channelsChanged.fire(new ChannelsChanged(run.accountId));
  }

  /**
   * Records the run's phase on a connection of its own: the sync's may be inside the transaction of
   * a first sync, whose writes nobody sees until it commits.
   */
  private void phase(SyncRun run, String phase, long total) {
    run.phase = phase;
    try {
      runs.phase(run);
    } catch (SQLException e) {
      // a label for the status page; the sync goes on (its progress events still flow)
      LOG.log(Level.WARNING, "Could not record the phase of sync run " + run.id, e);
    }
    progressed.fire(new Snapshot(run.accountId, run.id, phase, 0, total, "running"));
  }

  /** Asks on a connection of its own (the sync's transaction would not see a later cancel). */
  private void checkCancelled(SyncRun run) {
    if (runs.cancelRequested(run.id)) {
      throw new Abort(Status.CANCELLED, "Cancelled; nothing was changed.", null);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  private static <T> T staging(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new Abort(
          Status.FAILED, "Database error while staging the lineup; nothing was changed.", e);
    }
  }

  private static void staging(SqlAction action) {
    staging(
        () -> {
          action.run();
          return null;
        });
  }
}
