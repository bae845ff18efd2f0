package dev.lineup.provider.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one HTTP client Lineup uses to reach IPTV providers: a polite User-Agent, configurable
 * timeouts, and failures turned into {@link ProviderException}s that name the host but never the
 * URL (provider URLs carry credentials). Redirects are followed here, not by the JDK client, so
 * that with {@code PROVIDER_BLOCK_PRIVATE=true} the address of every hop is checked ({@link
 * ProviderAddresses}).
 *
 * <p>Over 400 lines, kept whole: it is one concern (a request to a provider, from address check to
 * the last byte), and its parts — redirects, retries, timeouts, the slow-drip bound — each wrap the
 * others, so split they would pass the same state back and forth.
 */
@ApplicationScoped
public class ProviderHttp {
  private static final Logger LOG = Logger.getLogger(ProviderHttp.class.getName());
  public static final String USER_AGENT = "Lineup/0.1 (self-hosted IPTV lineup manager)";

  /** The largest login answer taken (real ones are about 1 KB): refused before it is read whole. */
  static final int MAX_SMALL_BODY = 1024 * 1024;

  /** As many as the JDK client follows. */
  static final int MAX_REDIRECTS = 5;

  // Set from ProviderConfig when the bean starts (tests set them directly).
  int connectTimeoutSeconds;
  int readTimeoutSeconds;

  /** The longest a list may take to arrive, even while bytes keep coming; guides get 6 times it. */
  int downloadTimeoutSeconds;

  /** How many times longer than a list a guide (often hundreds of MB) may take. */
  public static final int GUIDE_TIME_FACTOR = 6;

  int retries;
  long retryDelayMillis;

  /**
   * Refuses providers on loopback, private, link-local and unspecified addresses (off by default: a
   * provider on the LAN is legitimate). Checked on the resolved addresses of every request and
   * redirect.
   */
  boolean blockPrivate;

  @PostConstruct
  void configure() {
    connectTimeoutSeconds = ProviderConfig.CONNECT_TIMEOUT_SECONDS.value().intValue();
    readTimeoutSeconds = ProviderConfig.READ_TIMEOUT_SECONDS.value().intValue();
    downloadTimeoutSeconds = ProviderConfig.DOWNLOAD_TIMEOUT_SECONDS.value().intValue();
    retries = ProviderConfig.RETRIES.value().intValue();
    retryDelayMillis = ProviderConfig.RETRY_DELAY_MS.value();
    blockPrivate = ProviderConfig.BLOCK_PRIVATE.value();
  }

  /** Why an address is refused, or empty (tests narrow it to try redirects on loopback). */
  Function<InetAddress, Optional<String>> refusal = ProviderAddresses::refused;

  /** Reads a streamed body; may be called again from the start when the call is retried. */
  @FunctionalInterface
  public interface BodyReader {
    void read(InputStream body) throws IOException;
  }

  // A daemon thread that only closes stalled bodies; it never runs application work.
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "lineup-provider-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  // At most one request at a time per provider host: panels limit connections per account.
  private final Map<String, Semaphore> hostGates = new ConcurrentHashMap<>();

  private volatile HttpClient client;

  HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
              .followRedirects(HttpClient.Redirect.NEVER) // followed by send, checked
              .build();
    }
    return client;
  }

  /**
   * GETs a small document (a login answer) whole, within the read timeout; an answer larger than
   * {@link #MAX_SMALL_BODY} is refused by its Content-Length, or as soon as that much has come.
   *
   * @throws ProviderException when the provider cannot be reached, times out, answers an HTTP error
   *     or too much
   */
  public byte[] getSmall(URI uri) {
    WatchedInputStream body = null;
    try {
      HttpResponse<InputStream> response = send(uri, "application/json, */*;q=0.5");
      body =
          new WatchedInputStream(response.body(), readTimeoutSeconds, readTimeoutSeconds, WATCHDOG);
      if (response.statusCode() >= 400) {
        throw httpError(uri, response);
      }
      if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > MAX_SMALL_BODY) {
        throw tooLarge(uri);
      }
      byte[] answer = body.readNBytes(MAX_SMALL_BODY + 1);
      if (answer.length > MAX_SMALL_BODY) {
        throw tooLarge(uri);
      }
      return answer;
    } catch (IOException e) {
      throw body != null && body.timedOut() ? timeout(uri) : failure(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.UNREACHABLE, "Interrupted while calling " + host(uri) + ".");
    } finally {
      closeQuietly(body);
    }
  }

  private static ProviderException tooLarge(URI uri) {
    return new ProviderException(
        ProviderException.Kind.MALFORMED,
        host(uri)
            + " sent an answer larger than "
            + MAX_SMALL_BODY / 1024
            + " KiB where a login answer of about 1 KiB belongs.");
  }

  /**
   * GETs a large document and hands its body to {@code reader} as it arrives, never holding it
   * whole. Waits for its turn when another request to the same host is running.
   *
   * @throws ProviderException when the provider fails, stalls for longer than the read timeout,
   *     takes longer than {@code PROVIDER_DOWNLOAD_TIMEOUT_SECONDS} in all, or answers an HTTP
   *     error
   */
  public void stream(URI uri, BodyReader reader) {
    stream(uri, 1, reader);
  }

  /**
   * {@link #stream(URI, BodyReader)} for a document that may take {@code timeFactor} times as long
   * as a list (guides).
   */
  public void stream(URI uri, int timeFactor, BodyReader reader) {
    Semaphore gate = hostGates.computeIfAbsent(host(uri), h -> new Semaphore(1, true));
    try {
      if (!gate.tryAcquire(10, TimeUnit.MINUTES)) {
        throw new ProviderException(
            ProviderException.Kind.TIMEOUT,
            "Another request to " + host(uri) + " is still running.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.UNREACHABLE,
          "Interrupted while waiting to call " + host(uri) + ".");
    }
    long deadlineSeconds = (long) downloadTimeoutSeconds * timeFactor;
    WatchedInputStream body = null;
    try {
      HttpResponse<InputStream> response =
          send(uri, "application/json, audio/x-mpegurl, */*;q=0.5");
      body = new WatchedInputStream(response.body(), readTimeoutSeconds, deadlineSeconds, WATCHDOG);
      if (response.statusCode() >= 400) {
        throw httpError(uri, response);
      }
      try {
        reader.read(body);
      } catch (RuntimeException e) {
        // A reader sees the watchdog's close as a cut-off document: say what really happened.
        throw body.timedOut() ? watchdog(uri, body, deadlineSeconds) : e;
      }
    } catch (IOException e) {
      throw body != null && body.timedOut()
          ? watchdog(uri, body, deadlineSeconds)
          : failure(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.UNREACHABLE, "Interrupted while calling " + host(uri) + ".");
    } finally {
      closeQuietly(body);
      gate.release();
    }
  }

  /**
   * Sends a GET and returns the answer once its headers are in, following up to {@link
   * #MAX_REDIRECTS} redirects (never from https to http), each to a checked address. Messages name
   * the first host only: a redirect's URL may carry credentials too.
   */
  HttpResponse<InputStream> send(URI uri, String accept) throws IOException, InterruptedException {
    URI target = uri;
    for (int redirects = 0; ; redirects++) {
      checkAddress(uri, target);
      HttpRequest request;
      try {
        request =
            HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(readTimeoutSeconds))
                .header("User-Agent", USER_AGENT)
                .header("Accept", accept)
                .GET()
                .build();
      } catch (IllegalArgumentException e) { // its message holds the URL
        throw new ProviderException(
            ProviderException.Kind.MALFORMED, "The address of " + host(uri) + " is not usable.");
      }
      HttpResponse<InputStream> response =
          client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      Optional<String> location = response.headers().firstValue("Location");
      if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
        return response;
      }
      closeQuietly(response.body());
      if (redirects == MAX_REDIRECTS) {
        throw new ProviderException(
            ProviderException.Kind.HTTP_ERROR,
            host(uri) + " redirected more than " + MAX_REDIRECTS + " times.");
      }
      target = redirect(uri, target, location.get());
    }
  }

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private static URI redirect(URI uri, URI from, String location) {
    URI to;
    try {
      to = from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ProviderException(
          ProviderException.Kind.HTTP_ERROR, host(uri) + " redirected to an invalid address.");
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
      throw new ProviderException(
          ProviderException.Kind.HTTP_ERROR,
          host(uri) + " redirected to an address that is not http(s).");
    }
    if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
      throw new ProviderException(
          ProviderException.Kind.HTTP_ERROR,
          host(uri) + " redirected from https to plain http; Lineup does not follow that.");
    }
    return to;
  }

  /**
   * With {@code PROVIDER_BLOCK_PRIVATE=true}, refuses a target any of whose addresses is refused.
   * The JDK client then connects to the address this lookup cached (the JVM keeps lookups for 30
   * s), so a name cannot pass here and resolve elsewhere a moment later.
   */
  void checkAddress(URI uri, URI target) {
    if (!blockPrivate) {
      return;
    }
    String host = target.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new ProviderException(
          ProviderException.Kind.UNREACHABLE, "The host " + host + " is unknown.");
    }
    for (InetAddress address : addresses) {
      Optional<String> refused = refusal.apply(address);
      if (refused.isPresent()) {
        throw new ProviderException(
            ProviderException.Kind.REFUSED_ADDRESS,
            (target == uri ? host(uri) : host(uri) + ", redirecting to " + host(target) + ",")
                + " is at "
                + address.getHostAddress()
                + ", a "
                + refused.get()
                + " address: PROVIDER_BLOCK_PRIVATE=true refuses those.");
      }
    }
  }

  private static ProviderException httpError(URI uri, HttpResponse<?> response) {
    long retryAfter =
        response.headers().firstValue("Retry-After").map(ProviderHttp::seconds).orElse(0L);
    return new ProviderException(
        ProviderException.Kind.HTTP_ERROR,
        host(uri) + " answered HTTP " + response.statusCode() + ".",
        response.statusCode(),
        retryAfter);
  }

  private static void closeQuietly(InputStream body) {
    if (body != null) {
      try {
        body.close();
      } catch (IOException ignored) {
        // the answer is read or abandoned; nothing more to do with it
      }
    }
  }

  /**
   * A provider URL as a {@link URI}.
   *
   * @throws ProviderException when it is none, without the text (it may hold credentials)
   */
  public static URI uri(String url) {
    if (url != null) {
      try {
        return new URI(url);
      } catch (URISyntaxException e) {
        // said below, without the text
      }
    }
    throw new ProviderException(
        ProviderException.Kind.MALFORMED, "A stored provider address is not a valid URL.");
  }

  /**
   * Runs {@code call}, trying again after transient failures (network trouble, timeouts, HTTP
   * 5xx/429) with exponential backoff and jitter, honouring the provider's Retry-After (at most a
   * minute). Other failures are final at once.
   */
  public void withRetries(Runnable call) {
    for (int attempt = 0; ; attempt++) {
      try {
        call.run();
        return;
      } catch (ProviderException e) {
        if (!e.transientFailure() || attempt >= retries) {
          throw e;
        }
        long backoff = retryDelayMillis << attempt;
        long delay =
            Math.max(
                backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1),
                Math.min(e.retryAfterSeconds(), 60) * 1000);
        LOG.info(() -> "Retrying in " + delay + " ms after: " + e.detail());
        try {
          Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.strip());
    } catch (NumberFormatException e) {
      return 0; // an HTTP date: fall back to our own backoff
    }
  }

  /** Why the watchdog closed a body: it stalled, or it was too slow in all. */
  private ProviderException watchdog(URI uri, WatchedInputStream body, long deadlineSeconds) {
    if (!body.tooSlow()) {
      return timeout(uri);
    }
    return new ProviderException(
        ProviderException.Kind.TOO_SLOW,
        host(uri)
            + " sent its answer too slowly: not complete after "
            + deadlineSeconds
            + " s (PROVIDER_DOWNLOAD_TIMEOUT_SECONDS).");
  }

  ProviderException timeout(URI uri) {
    return new ProviderException(
        ProviderException.Kind.TIMEOUT,
        host(uri) + " did not answer within " + readTimeoutSeconds + " s.");
  }

  ProviderException failure(URI uri, Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return timeout(uri);
    }
    if (cause instanceof UnknownHostException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE, "The host " + uri.getHost() + " is unknown.");
    }
    if (cause instanceof ConnectException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE, "Could not connect to " + host(uri) + ".");
    }
    if (cause instanceof IOException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE,
          "The connection to " + host(uri) + " failed (" + cause.getClass().getSimpleName() + ").");
    }
    return new ProviderException(
        ProviderException.Kind.UNREACHABLE, "Calling " + host(uri) + " failed.");
  }

  /** host[:port] of a provider URL: safe to show, unlike the URL itself. */
  public static String host(URI uri) {
    return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
