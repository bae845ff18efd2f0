package dev.lineup.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after 10 failed sign-ins from one address within 15 minutes, that
 * address must wait until the oldest of them is 15 minutes old. A success clears its count.
 */
@ApplicationScoped
public class SignInThrottle {
  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_ADDRESSES = 10_000;

  private record Failures(int count, Instant first) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  /** Seconds this address must wait before it may try again; 0 when it may try now. */
  public long waitSeconds(String address) {
    Failures seen = failures.get(address);
    if (seen == null || seen.count() < LIMIT) {
      return 0;
    }
    Instant free = seen.first().plus(WINDOW);
    long wait = Duration.between(Instant.now(), free).toSeconds();
    if (wait <= 0) {
      failures.remove(address);
      return 0;
    }
    return wait;
  }

  public void failed(String address) {
    if (failures.size() > MAX_ADDRESSES) {
      failures.clear();
    }
    Instant now = Instant.now();
    failures.merge(
        address,
        new Failures(1, now),
        (old, one) ->
            old.first().plus(WINDOW).isBefore(now)
                ? one
                : new Failures(old.count() + 1, old.first()));
  }

  public void succeeded(String address) {
    failures.remove(address);
  }
}
