package dev.lineup.access.control;

import dev.lineup.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Slows password guessing (sign-in, and the setup code): every attempt is counted against its
 * address <em>before</em> the password is checked, so parallel guesses cannot all slip past the
 * limit; after 10 attempts within 15 minutes that did not succeed, the address waits until the
 * first of them is 15 minutes old. A success clears its count. IPv6 callers count by their /64 (one
 * subscriber's network); the 10,000 addresses seen least recently are forgotten first.
 *
 * <p>A password check costs about 0.2 s of CPU (PBKDF2), so only {@link #PARALLEL} run at once; a
 * caller waits up to {@link #QUEUE_WAIT} for its turn, then gets a 503.
 */
@ApplicationScoped
public class SignInThrottle {
  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int MAX_ADDRESSES = 10_000;
  static final int PARALLEL = 2;
  static final Duration QUEUE_WAIT = Duration.ofSeconds(3);

  private record Failures(int count, Instant first) {}

  private final Clock clock;
  private final Semaphore checking;
  private final Duration queueWait;

  /** Attempts per address, least recently used first (guarded by itself). */
  private final Map<String, Failures> failures;

  public SignInThrottle() {
    this(Clock.systemUTC(), PARALLEL, QUEUE_WAIT, MAX_ADDRESSES);
  }

  /**
   * A throttle of its own for players' sign-ins (Xtream logins): counted apart from the admin's,
   * and waiting up to 15 s for a turn, since every player of a household checks its password at
   * once after a restart.
   */
  public static SignInThrottle forPlayers() {
    return new SignInThrottle(Clock.systemUTC(), PARALLEL, Duration.ofSeconds(15), MAX_ADDRESSES);
  }

  SignInThrottle(Clock clock, int parallel, Duration queueWait, int maxAddresses) {
    this.clock = clock;
    this.checking = new Semaphore(parallel, true);
    this.queueWait = queueWait;
    this.failures =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > maxAddresses;
          }
        };
  }

  /** Why an attempt may not start: 429 (too many failures) or 503 (too many at once). */
  public static final class Refused extends ProblemException {
    private final long retryAfterSeconds;

    Refused(int status, String title, String detail, long retryAfterSeconds) {
      super(status, title, detail);
      this.retryAfterSeconds = retryAfterSeconds;
      with("retry_after_seconds", retryAfterSeconds);
    }

    /** For the {@code Retry-After} header. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /**
   * One attempt that may check a password. It counts as a failure from the start; {@link
   * #succeeded()} clears the address's count. Close it once the check is done: that frees its turn.
   */
  public final class Attempt implements AutoCloseable {
    private final String key;
    private boolean closed;

    private Attempt(String key) {
      this.key = key;
    }

    public void succeeded() {
      synchronized (failures) {
        failures.remove(key);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        checking.release();
      }
    }
  }

  /**
   * Reserves an attempt for {@code address}, then waits for a turn to check the password.
   *
   * @throws Refused 429 when the address has used up its attempts (nothing is counted), 503 when
   *     too many checks are running for too long (the reservation is given back)
   */
  public Attempt begin(String address) {
    String key = key(address);
    reserve(key);
    boolean turn;
    try {
      turn = checking.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      turn = false;
    }
    if (!turn) {
      giveBack(key);
      throw new Refused(
          503,
          "Too many sign-ins at once",
          "Lineup is checking other sign-ins right now: try again in a moment.",
          1);
    }
    return new Attempt(key);
  }

  private void reserve(String key) {
    Instant now = clock.instant();
    synchronized (failures) {
      Failures seen = failures.get(key);
      if (seen != null && !seen.first().plus(WINDOW).isAfter(now)) {
        seen = null; // its window has passed: start a new one
      }
      if (seen != null && seen.count() >= LIMIT) {
        long wait = Math.max(1, Duration.between(now, seen.first().plus(WINDOW)).toSeconds());
        throw new Refused(
            429,
            "Too many sign-ins",
            "Too many failed sign-ins from this address: try again in "
                + Math.max(1, (wait + 59) / 60)
                + " min.",
            wait);
      }
      failures.put(
          key, seen == null ? new Failures(1, now) : new Failures(seen.count() + 1, seen.first()));
    }
  }

  private void giveBack(String key) {
    synchronized (failures) {
      failures.computeIfPresent(
          key,
          (k, seen) -> seen.count() <= 1 ? null : new Failures(seen.count() - 1, seen.first()));
    }
  }

  /**
   * Who is counted: an IPv4 address as it is, an IPv6 address by its /64 (a home or a server gets a
   * whole /64, so counting single addresses would give it billions of tries).
   */
  static String key(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    String literal = address.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (!literal.matches("[0-9A-Fa-f:.]+")) {
      return address; // not an address literal: never look it up
    }
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (bytes.length == 4) { // an IPv4-mapped address
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
