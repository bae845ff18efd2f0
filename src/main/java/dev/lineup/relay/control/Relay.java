package dev.lineup.relay.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.provider.control.ProviderConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The stream relay: players' stream requests become viewers of one shared {@link Upstream} per
 * channel, and each account's connection slots are counted here.
 *
 * <p>Each account's connections are counted in {@link Slots}. When no source of a channel has a
 * free slot, the player waits up to 2 seconds (a player zapping away may just be giving one up),
 * then gets a 503 with the reason.
 *
 * <p>Requests for a channel that is already playing, or still connecting (Kodi opens several per
 * tune), join its upstream; they never open another.
 */
@ApplicationScoped
public class Relay {
  private static final Logger LOG = Logger.getLogger(Relay.class.getName());

  /** What a new viewer gets from before the live edge, so its player starts at once. */
  private static final long BACKLOG_BYTES = 1024 * 1024;

  private static final int RING_SLOTS = 4096;

  /** A player with no byte after this long is answered why (players give up after 10-30 s). */
  private static final long FIRST_BYTE_NANOS = 15_000_000_000L;

  /** How long a player waits for a slot another player is giving up (zapping). */
  private static final long SLOT_WAIT_NANOS = 2_000_000_000L;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MetricRegistry metrics;

  /** The streams playing, by what they are shared by ({@link #key}). */
  private final Map<String, Upstream> byChannel = new ConcurrentHashMap<>();

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  private Slots slots;
  private final AtomicLong ids = new AtomicLong();
  private ScheduledFuture<?> watchdog;
  private Counter bytesRelayed;
  private Counter failovers;

  private long graceNanos;
  private long slowViewerNanos;
  private int stallSeconds;
  private int connectTimeoutMillis;
  private long bufferBytes;
  private boolean blockPrivate;

  /**
   * What a player asked to play.
   *
   * @param channelId the channel's id (the stream is shared per channel)
   * @param sources where it comes from, in the order to try
   * @param xtreamUser the Xtream login asking, or null
   * @param xtreamLimit how many channels that login may watch at once
   * @param finite whether the stream has an end (an archive part: its end is not a failure, and it
   *     is not shared: its {@code channelId} is a key of its own)
   */
  public record Play(
      long channelId,
      String title,
      List<Source> sources,
      Long xtreamUser,
      int xtreamLimit,
      boolean finite) {}

  /** A key of its own for a stream that is not shared (negative: never a channel's id). */
  public long unsharedKey() {
    return -ids.incrementAndGet();
  }

  @PostConstruct
  void start() {
    slots = new Slots(dataSource);
    graceNanos = TimeUnit.SECONDS.toNanos(RelayConfig.GRACE_SECONDS.value());
    slowViewerNanos = TimeUnit.SECONDS.toNanos(RelayConfig.SLOW_VIEWER_SECONDS.value());
    stallSeconds = RelayConfig.STALL_SECONDS.value().intValue();
    connectTimeoutMillis = (int) (RelayConfig.CONNECT_TIMEOUT_SECONDS.value() * 1000);
    bufferBytes = RelayConfig.BUFFER_MB.value() * 1024 * 1024;
    blockPrivate = ProviderConfig.BLOCK_PRIVATE.value();
    bytesRelayed = metrics.counter("lineup_relay_bytes_total");
    failovers = metrics.counter("lineup_relay_failovers_total");
    metrics.gauge("lineup_relay_streams", byChannel, Map::size);
    metrics.gauge(
        "lineup_relay_viewers",
        byChannel,
        m -> m.values().stream().mapToInt(u -> u.viewers.size()).sum());
    watchdog = scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stopAll() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    byChannel.values().forEach(Upstream::stop);
  }

  /**
   * Plays a channel to the player: the answer becomes asynchronous and is fed by the channel's
   * shared upstream. A 503 problem at once when no source has a free slot, or when the Xtream login
   * watches as many channels as it may.
   */
  public void play(HttpServletRequest request, HttpServletResponse response, Play play)
      throws IOException {
    if (play.sources().isEmpty()) {
      throw new ProblemException(404, "Not found", "The provider gave this channel no stream URL.");
    }
    AsyncContext async = request.startAsync();
    try {
      // A player zapping away has just hung up: its stream may free a slot within moments (the
      // container thread waits here up to 2 s)
      long deadline = System.nanoTime() + SLOT_WAIT_NANOS;
      ProblemException refused;
      while ((refused = join(play, request, response, async)) != null) {
        if (System.nanoTime() > deadline) {
          throw refused;
        }
        Thread.sleep(100);
      }
    } catch (ProblemException problem) {
      if (problem.status() == 503) {
        metrics.counter("lineup_relay_slot_refusals_total", account(play.sources().get(0))).inc();
      }
      ProblemMapper.send(response, problem);
      async.complete();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProblemMapper.send(response, noSlot(play.sources()));
      async.complete();
    }
  }

  /**
   * Joins the player to the channel's upstream, opening one when none runs; null when it joined,
   * else why it cannot now (no source has a free slot, or the Xtream login watches as many channels
   * as it may).
   */
  private synchronized ProblemException join(
      Play play, HttpServletRequest request, HttpServletResponse response, AsyncContext async) {
    String key = key(play);
    if (play.xtreamUser() != null) {
      long others =
          byChannel.values().stream()
              .filter(u -> !u.key.equals(key) && !u.stopped())
              .filter(u -> u.viewers.stream().anyMatch(v -> play.xtreamUser().equals(v.xtreamUser)))
              .count();
      if (others >= play.xtreamLimit()) {
        return new ProblemException(
                503,
                "Too many streams",
                "This login may watch "
                    + play.xtreamLimit()
                    + " channel(s) at once; stop one to start another.")
            .with("retry_after_seconds", 10);
      }
    }
    Upstream upstream = byChannel.get(key);
    if (upstream == null || upstream.stopped()) {
      upstream = open(play, key, request.getHeader("User-Agent"));
      if (upstream == null) {
        return noSlot(play.sources());
      }
    }
    Viewer viewer =
        new Viewer(
            ids.incrementAndGet(),
            upstream,
            async,
            response,
            request.getRemoteAddr(),
            play.xtreamUser());
    viewer.startAt(upstream.ring.start(Math.min(BACKLOG_BYTES, bufferBytes / 4)));
    upstream.joined(viewer);
    Thread writer = threads.newThread(viewer);
    writer.setName("relay-" + upstream.id + "-viewer-" + viewer.id);
    writer.start();
    return null;
  }

  /**
   * What a stream is shared by: the channel and the sources it is played from (two playlists with
   * other accounts, or one merging and one not, do not share a stream of the same channel).
   */
  private static String key(Play play) {
    StringBuilder key = new StringBuilder().append(play.channelId());
    for (Source source : play.sources()) {
      key.append(':').append(source.channelId());
    }
    return key.toString();
  }

  /** The answer to a player when no source has a slot. */
  private static ProblemException noSlot(List<Source> sources) {
    Source first = sources.get(0);
    return new ProblemException(
            503,
            "No free connection",
            "Every connection the provider allows for "
                + (sources.size() == 1 ? "account " + first.account() : "this channel's accounts")
                + " is in use; stop another stream or try again shortly.")
        .with("retry_after_seconds", 10);
  }

  /**
   * Opens the channel's upstream on its first source with a free slot (under the lock); null when
   * none has one.
   */
  private Upstream open(Play play, String key, String playerAgent) {
    long id = ids.incrementAndGet();
    List<Source> sources = play.sources();
    for (int i = 0; i < sources.size(); i++) {
      Upstream upstream =
          new Upstream(
              id,
              play.channelId(),
              key,
              play.title(),
              sources,
              i,
              playerAgent == null || playerAgent.isBlank()
                  ? "Lineup/0.1"
                  : playerAgent.substring(0, Math.min(200, playerAgent.length())),
              play.finite(),
              this,
              new ChunkRing(RING_SLOTS, bufferBytes));
      if (holdSlot(upstream, sources.get(i))) {
        byChannel.put(key, upstream);
        Thread reader = threads.newThread(upstream::run);
        reader.setName("relay-" + id);
        reader.start();
        LOG.info("Stream " + id + " (" + play.title() + ") opened on " + sources.get(i));
        return upstream;
      }
    }
    return null;
  }

  /**
   * Gives the upstream a slot of the source's account ({@link Slots#hold}); under the relay's lock,
   * so that no player joins a stream that is being closed for its slot.
   */
  synchronized boolean holdSlot(Upstream upstream, Source source) {
    return slots.hold(upstream, source);
  }

  /** The upstream's reader ended: its slot is free and its viewers are told. */
  void ended(Upstream upstream, ProblemException problem) {
    synchronized (this) {
      byChannel.remove(upstream.key, upstream);
      slots.release(upstream);
    }
    ProblemException told =
        problem != null
            ? problem
            : new ProblemException(503, "Stream stopped", "The stream was stopped; try again.");
    for (Viewer viewer : List.copyOf(upstream.viewers)) {
      viewer.end(told);
    }
    LOG.info(upstream.named() + " ended after " + upstream.bytes() + " bytes");
  }

  /**
   * Once a second: streams idle past the grace period end; viewers that take nothing for too long
   * are dropped; viewers that have had no byte for {@link #FIRST_BYTE_NANOS} are told why.
   */
  private void watch() {
    try {
      long now = System.nanoTime();
      for (Upstream upstream : byChannel.values()) {
        synchronized (this) { // no player joins between the check and the close
          if (upstream.idleNanos(now) > graceNanos) {
            LOG.fine(() -> upstream.named() + ": no viewer for the grace period; closing");
            upstream.stop();
            slots.release(upstream);
          }
        }
        for (Viewer viewer : upstream.viewers) {
          if (viewer.writingNanos(now) > slowViewerNanos) {
            viewer.drop("took nothing for " + slowViewerNanos / 1_000_000_000 + " s");
          } else if (viewer.waitingNanos(now) > FIRST_BYTE_NANOS) {
            viewer.giveUp(
                new ProblemException(
                        504,
                        "Stream unavailable",
                        "No source of this channel has sent anything in "
                            + FIRST_BYTE_NANOS / 1_000_000_000
                            + " s; Lineup goes on trying, try again shortly.")
                    .with("retry_after_seconds", 10));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "The relay's watchdog hit an error; goes on", e);
    }
  }

  /** Stops a stream (an admin's choice); false when there is none with this id. */
  public boolean stop(long streamId) {
    for (Upstream upstream : byChannel.values()) {
      if (upstream.id == streamId) {
        LOG.info(upstream.named() + " stopped by an admin");
        upstream.stop();
        slots.release(upstream);
        return true;
      }
    }
    return false;
  }

  /** The streams active now, oldest first. */
  public List<StreamView> streams() {
    return byChannel.values().stream()
        .map(StreamView::of)
        .sorted(Comparator.comparingLong(StreamView::id))
        .toList();
  }

  /** The slots of an account in use now. */
  public int slotsUsed(long accountId) {
    return slots.used(accountId);
  }

  /** How many channels an Xtream login watches now (its {@code active_cons}). */
  public int watching(long xtreamUser) {
    return (int)
        byChannel.values().stream()
            .filter(
                u ->
                    u.viewers.stream().anyMatch(v -> Long.valueOf(xtreamUser).equals(v.xtreamUser)))
            .count();
  }

  void opened(Source source) {
    metrics.counter("lineup_relay_upstream_opens_total", account(source)).inc();
  }

  void failedOver() {
    failovers.inc();
  }

  void relayed(int n) {
    bytesRelayed.inc(n);
  }

  void dropped(Upstream upstream, Viewer viewer, String why) {
    metrics.counter("lineup_relay_viewers_dropped_total").inc();
    LOG.info(upstream.named() + ": viewer " + viewer.id + " dropped: " + why);
  }

  int stallSeconds() {
    return stallSeconds;
  }

  int connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  boolean blockPrivate() {
    return blockPrivate;
  }

  private static Tag account(Source source) {
    return new Tag("account", String.valueOf(source.accountId()));
  }
}
