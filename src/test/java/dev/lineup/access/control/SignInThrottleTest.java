package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.access.control.SignInThrottle.Attempt;
import dev.lineup.access.control.SignInThrottle.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private static SignInThrottle throttle(int parallel, int maxAddresses) {
    return new SignInThrottle(
        Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
        parallel,
        Duration.ofMillis(50),
        maxAddresses);
  }

  /** An attempt whose password was wrong. */
  private static void fail(SignInThrottle throttle, String address) {
    throttle.begin(address).close();
  }

  @Test
  void tenFailuresMakeThatAddressWaitAndASuccessClearsThem() {
    SignInThrottle throttle = throttle(2, 100);
    for (int i = 0; i < SignInThrottle.LIMIT; i++) {
      fail(throttle, "10.0.0.1");
    }
    Refused refused = assertThrows(Refused.class, () -> throttle.begin("10.0.0.1"));
    assertEquals(429, refused.status());
    assertEquals(SignInThrottle.WINDOW.toSeconds(), refused.retryAfterSeconds());
    fail(throttle, "10.0.0.2"); // other addresses are not held up

    SignInThrottle fresh = throttle(2, 100);
    for (int i = 0; i < SignInThrottle.LIMIT - 1; i++) {
      fail(fresh, "10.0.0.1");
    }
    try (Attempt attempt = fresh.begin("10.0.0.1")) {
      attempt.succeeded();
    }
    for (int i = 0; i < SignInThrottle.LIMIT; i++) {
      fail(fresh, "10.0.0.1"); // the success cleared the count
    }
    assertThrows(Refused.class, () -> fresh.begin("10.0.0.1"));
  }

  @Test
  void parallelGuessesAreCountedBeforeThePasswordIsChecked() throws Exception {
    SignInThrottle throttle = throttle(100, 100);
    int guesses = 40;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch checking = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Attempt attempt = throttle.begin("198.51.100.7")) {
                    admitted.incrementAndGet();
                    checking.await(); // every admitted guess is still hashing
                  } catch (Refused refused) {
                    assertEquals(429, refused.status());
                  }
                  return null;
                }));
      }
      start.countDown();
      Thread.sleep(300);
      checking.countDown();
      for (Future<?> f : all) {
        f.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(SignInThrottle.LIMIT, admitted.get(), "only the limit's worth of guesses ran");
  }

  @Test
  void onlyAFewPasswordChecksRunAtOnceAndTheRestGetA503ThatIsNotCounted() {
    SignInThrottle throttle = throttle(2, 100);
    Attempt first = throttle.begin("10.0.0.1");
    Attempt second = throttle.begin("10.0.0.2");
    Refused busy = assertThrows(Refused.class, () -> throttle.begin("10.0.0.3"));
    assertEquals(503, busy.status());
    assertEquals(1, busy.retryAfterSeconds());
    first.close();
    first.close(); // closing twice frees one turn only
    Attempt third = throttle.begin("10.0.0.3");
    assertThrows(Refused.class, () -> throttle.begin("10.0.0.4"), "both turns in use again");
    second.close();
    third.close();

    for (int i = 0; i < SignInThrottle.LIMIT - 1; i++) {
      fail(throttle, "10.0.0.5");
    }
    Attempt held = throttle.begin("10.0.0.6");
    Attempt held2 = throttle.begin("10.0.0.7");
    assertEquals(503, assertThrows(Refused.class, () -> throttle.begin("10.0.0.5")).status());
    held.close();
    held2.close();
    fail(throttle, "10.0.0.5"); // the 503 did not use up its tenth try
    assertEquals(429, assertThrows(Refused.class, () -> throttle.begin("10.0.0.5")).status());
  }

  @Test
  void ipv6CallersCountByTheirSlash64() {
    assertEquals(
        SignInThrottle.key("2001:db8:1:2::1"), SignInThrottle.key("2001:db8:1:2:ffff:ffff:ff:1"));
    assertEquals(SignInThrottle.key("2001:db8:1:2::1"), SignInThrottle.key("[2001:DB8:1:2::9]"));
    assertTrue(
        !SignInThrottle.key("2001:db8:1:2::1").equals(SignInThrottle.key("2001:db8:1:3::1")),
        "another /64 is another caller");
    assertEquals("192.0.2.1", SignInThrottle.key("::ffff:192.0.2.1"), "IPv4-mapped is IPv4");
    assertEquals("192.0.2.1", SignInThrottle.key("192.0.2.1"));
    assertEquals("fe80000000000000::/64", SignInThrottle.key("fe80::1%eth0"));

    SignInThrottle throttle = throttle(2, 100);
    for (int i = 0; i < SignInThrottle.LIMIT; i++) {
      fail(throttle, "2001:db8:1:2::" + Integer.toHexString(i + 1)); // a new address every time
    }
    assertEquals(
        429, assertThrows(Refused.class, () -> throttle.begin("2001:db8:1:2::abcd")).status());
    fail(throttle, "2001:db8:1:3::1");
  }

  @Test
  void aFullTableForgetsTheLeastRecentAddressesNotEveryone() {
    SignInThrottle throttle = throttle(2, 3);
    for (String address : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
      for (int i = 0; i < SignInThrottle.LIMIT; i++) {
        fail(throttle, address);
      }
    }
    fail(throttle, "10.0.0.4"); // a fourth address: the table holds three
    fail(throttle, "10.0.0.1"); // the oldest was forgotten, so it may try again
    assertEquals(429, assertThrows(Refused.class, () -> throttle.begin("10.0.0.3")).status());
    assertEquals(429, assertThrows(Refused.class, () -> throttle.begin("10.0.0.3")).status());
  }
}
