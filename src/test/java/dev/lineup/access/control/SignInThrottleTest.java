package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  @Test
  void tenFailuresMakeThatAddressWaitAndASuccessClearsThem() {
    SignInThrottle throttle = new SignInThrottle();
    for (int i = 0; i < SignInThrottle.LIMIT - 1; i++) {
      throttle.failed("10.0.0.1");
    }
    assertEquals(0, throttle.waitSeconds("10.0.0.1"), "nine failures: may still try");
    throttle.failed("10.0.0.1");
    long wait = throttle.waitSeconds("10.0.0.1");
    assertTrue(wait > 0 && wait <= SignInThrottle.WINDOW.toSeconds(), "waits " + wait + " s");
    assertEquals(0, throttle.waitSeconds("10.0.0.2"), "other addresses are not held up");
    throttle.succeeded("10.0.0.1");
    assertEquals(0, throttle.waitSeconds("10.0.0.1"));
  }
}
