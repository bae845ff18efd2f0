package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SetupCodeTest {
  private static final Pattern LOGGED =
      Pattern.compile("setup code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$");

  /** Announces a code and returns it as the log line shows it. */
  private static String announce(SetupCode code) {
    StringBuilder seen = new StringBuilder();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            seen.append(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(SetupCode.class.getName());
    logger.addHandler(handler);
    try {
      code.announce();
    } finally {
      logger.removeHandler(handler);
    }
    Matcher m = LOGGED.matcher(seen);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void theLoggedCodeIsAcceptedUntilUsedAndAnythingElseIsRefused() {
    SetupCode code = new SetupCode();
    code.httpPort = "9080";
    assertFalse(code.matches("ABCD-EFGH-JKMN"), "no code before one is announced");
    String logged = announce(code);
    assertTrue(logged != null, "the log names the code");
    assertTrue(code.matches(logged));
    assertTrue(code.matches(" " + logged.toLowerCase().replace("-", " ") + " "), "typed loosely");
    assertFalse(code.matches(null));
    assertFalse(code.matches(""));
    assertFalse(code.matches(logged.substring(0, 13)));
    assertFalse(code.matches(logged + "A"));
    assertTrue(announce(code) == null, "announcing again keeps the code and logs nothing");
    assertTrue(code.matches(logged));
    code.used();
    assertFalse(code.matches(logged), "used up");
    String next = announce(code);
    assertNotEquals(logged, next, "a new code after a reset");
    assertTrue(code.matches(next));
  }
}
