package dev.lineup.relay.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.provider.control.ProviderAddresses;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One channel's stream from its provider, shared by everyone watching it: one connection to one
 * source at a time, read by one thread into a {@link ChunkRing} that every {@link Viewer} takes
 * from at its own pace. MPEG-TS passes through untouched; an HLS source is read playlist by
 * playlist and its segments are passed on in order, as one TS stream ({@link HlsReader}).
 *
 * <p>Failover: a source that cannot be reached, answers 404, 429 or 5xx, ends, or sends nothing for
 * {@code RELAY_STALL_SECONDS} hands over to the next source of the channel (a merged channel's
 * other accounts, in order); after the last comes the first again, once round, and then the stream
 * gives up and its viewers are told why. A 401 or 403 ends it at once: a refused account must not
 * rotate through the others. Every switch starts from nothing: a new connection with the new
 * source's own headers.
 */
final class Upstream {
  private static final Logger LOG = Logger.getLogger(Upstream.class.getName());

  /** A source that delivered this long has worked: its failure starts a fresh round. */
  private static final long GOOD_RUN_NANOS = 30_000_000_000L;

  private static final int READ_SIZE = 64 * 1024;

  final long id;
  final long channelId;
  final String key;
  final String title;
  final Instant startedAt = Instant.now();
  final ChunkRing ring;
  final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();

  /** What viewers wait on for the next chunk. */
  final Object signal = new Object();

  private final List<Source> sources;
  private final String playerAgent;
  private final boolean finite;
  private final Relay relay;
  private volatile int current;
  private volatile boolean stopped;
  private volatile HttpURLConnection live; // the connection being read, closed by stop()
  private volatile long bytes;
  private volatile long idleSince; // System.nanoTime() when the last viewer left; 0 while watched
  private volatile int failovers;
  private long firstByte; // System.nanoTime() of this source's first and last bytes (reader only)
  private long lastByte;

  Upstream(
      long id,
      long channelId,
      String key,
      String title,
      List<Source> sources,
      int first,
      String playerAgent,
      boolean finite,
      Relay relay,
      ChunkRing ring) {
    this.finite = finite;
    this.id = id;
    this.channelId = channelId;
    this.key = key;
    this.title = title;
    this.sources = List.copyOf(sources);
    this.current = first;
    this.playerAgent = playerAgent;
    this.relay = relay;
    this.ring = ring;
  }

  /** The reader: source after source until the stream is stopped or every source failed. */
  void run() {
    int index = current;
    int tries = 0;
    SourceFailure last = null;
    boolean anyConnected = false;
    try {
      while (!stopped) {
        Source source = sources.get(index);
        current = index;
        SourceFailure failure;
        firstByte = 0;
        lastByte = 0;
        if (!relay.holdSlot(this, source)) {
          failure = new SourceFailure("all its connections are in use", false, true);
        } else {
          relay.opened(source);
          failure = read(source);
          anyConnected |= !failure.noSlot();
        }
        if (stopped) {
          return;
        }
        last = failure;
        if (finite && failure == SourceFailure.ENDED) {
          last = null; // an archive part has an end
          break;
        }
        if (failure.refused()) {
          LOG.warning(
              named()
                  + ": "
                  + source
                  + " refused: "
                  + failure.reason()
                  + "; not trying other accounts");
          break;
        }
        if (firstByte != 0 && lastByte - firstByte > GOOD_RUN_NANOS) {
          tries = 0; // it delivered for a good while: its failure starts a fresh round
        }
        if (++tries >= 2 * sources.size()) {
          break;
        }
        index = (index + 1) % sources.size();
        failovers++;
        relay.failedOver();
        LOG.info(
            named()
                + ": "
                + source
                + " failed ("
                + failure.reason()
                + "); trying "
                + sources.get(index));
        if (index == 0 || sources.size() == 1) {
          pause(1000); // a whole round failed: a breath before the second
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, named() + " failed", e);
      last = SourceFailure.failed("an internal error (see the server log)");
    } finally {
      relay.ended(this, stopped ? null : giveUp(last, anyConnected));
    }
  }

  /** What the viewers are told when every source failed. */
  private ProblemException giveUp(SourceFailure last, boolean anyConnected) {
    if (last == null) {
      return null;
    }
    LOG.warning(named() + " gave up: " + last.reason());
    if (last.noSlot() && !anyConnected) {
      return new ProblemException(
              503,
              "No free connection",
              "Every connection the provider allows for this channel's accounts is in use; stop"
                  + " another stream or try again shortly.")
          .with("retry_after_seconds", 10);
    }
    return new ProblemException(
        502,
        "Stream unavailable",
        last.refused()
            ? "The provider refused the account (" + last.reason() + ")."
            : "The provider did not deliver this channel: " + last.reason() + ".");
  }

  /** Reads one source until it fails or the stream stops; the failure says why it ended. */
  private SourceFailure read(Source source) {
    HttpURLConnection connection = null;
    try {
      connection = open(URI.create(source.url()), source);
      int status = connection.getResponseCode();
      if (status == 401 || status == 403) {
        return new SourceFailure("HTTP " + status, true, false);
      }
      if (status != 200 && status != 206) {
        return SourceFailure.failed("HTTP " + status);
      }
      InputStream in = new BufferedInputStream(connection.getInputStream(), READ_SIZE);
      if (stopped) {
        return SourceFailure.failed("stopped");
      }
      if (HlsReader.isPlaylist(connection.getContentType(), source.url(), in)) {
        return new HlsReader(this, source, connection.getURL().toURI()).read(in);
      }
      return pass(in);
    } catch (SocketTimeoutException e) {
      return SourceFailure.failed("no data for " + relay.stallSeconds() + " s");
    } catch (ConnectException e) {
      return SourceFailure.failed("connection refused");
    } catch (UnknownHostException e) {
      return SourceFailure.failed("unknown host");
    } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
      return SourceFailure.failed(
          stopped ? "stopped" : "network error (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** Passes the bytes on as they come (MPEG-TS, or whatever the provider sends). */
  SourceFailure pass(InputStream in) throws IOException {
    byte[] buffer = new byte[READ_SIZE];
    while (!stopped) {
      int n = in.read(buffer);
      if (n < 0) {
        return SourceFailure.ENDED;
      }
      if (n > 0) {
        publish(buffer, n);
      }
    }
    return SourceFailure.failed("stopped");
  }

  /** Hands bytes to every viewer. */
  void publish(byte[] buffer, int n) {
    lastByte = System.nanoTime();
    if (firstByte == 0) {
      firstByte = lastByte;
    }
    ring.add(Arrays.copyOf(buffer, n));
    bytes += n;
    relay.relayed(n);
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /**
   * A request to a source (or one of its HLS parts) with its headers and the relay's timeouts;
   * redirects are followed here, up to 5, each hop's address checked when PROVIDER_BLOCK_PRIVATE is
   * on.
   */
  HttpURLConnection open(URI uri, Source source) throws IOException {
    String host = uri.getHost();
    for (int hop = 0; hop <= 5; hop++) {
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IOException("not an http(s) URL");
      }
      if (relay.blockPrivate()) {
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
          Optional<String> refused = ProviderAddresses.refused(address);
          if (refused.isPresent()) {
            throw new IOException("a " + refused.get() + " address (PROVIDER_BLOCK_PRIVATE)");
          }
        }
      }
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      live = connection;
      if (stopped) {
        throw new IOException("stopped");
      }
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout(relay.connectTimeoutMillis());
      connection.setReadTimeout(relay.stallSeconds() * 1000);
      connection.setUseCaches(false);
      boolean sameHost = host != null && host.equalsIgnoreCase(uri.getHost());
      for (Map.Entry<String, String> header : source.headers().entrySet()) {
        if (sameHost || !header.getKey().equals("Cookie")) { // a cookie stays with its host
          connection.setRequestProperty(header.getKey(), header.getValue());
        }
      }
      if (!source.headers().containsKey("User-Agent")) {
        connection.setRequestProperty("User-Agent", playerAgent);
      }
      int status = connection.getResponseCode();
      String location = connection.getHeaderField("Location");
      if (status < 300 || status > 308 || status == 304 || location == null) {
        return connection;
      }
      connection.disconnect();
      uri = uri.resolve(location.strip());
    }
    throw new IOException("too many redirects");
  }

  /** Stops the stream: the reader's connection is closed, so a blocked read ends at once. */
  void stop() {
    stopped = true;
    HttpURLConnection connection = live;
    if (connection != null) {
      connection.disconnect();
    }
  }

  boolean stopped() {
    return stopped;
  }

  /** A viewer left: when it was the last, the grace period starts. */
  void left(Viewer viewer) {
    if (viewers.remove(viewer) && viewers.isEmpty()) {
      idleSince = System.nanoTime();
    }
  }

  void dropped(Viewer viewer, String why) {
    relay.dropped(this, viewer, why);
  }

  /** Adds a viewer (under the relay's lock). */
  void joined(Viewer viewer) {
    viewers.add(viewer);
    idleSince = 0;
  }

  /** How long the stream has had no viewer, in nanoseconds; 0 while someone watches. */
  long idleNanos(long now) {
    long since = idleSince;
    return since == 0 || !viewers.isEmpty() ? 0 : now - since;
  }

  /** "Stream 7 (BBC One)": how the log names it (never by URL). */
  String named() {
    return "Stream " + id + " (" + title + ")";
  }

  int stallSeconds() {
    return relay.stallSeconds();
  }

  Source source() {
    return sources.get(current);
  }

  long bytes() {
    return bytes;
  }

  int failovers() {
    return failovers;
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
