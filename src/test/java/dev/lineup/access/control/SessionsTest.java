package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.access.entity.Admin;
import dev.lineup.platform.Crypto;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  static Sessions sessions(String key) {
    Sessions sessions = new Sessions();
    sessions.secrets = Crypto.forKey(key);
    return sessions;
  }

  @Test
  void aSignedSessionReadsBackWithItsEpochUntilItExpires() {
    Sessions sessions = sessions("a test key that is long enough to be a key");
    Admin admin = admin();
    String value = sessions.sign(admin, NOW);
    assertEquals(admin.sessionEpoch(), sessions.parse(value, NOW).orElseThrow().epoch());
    assertTrue(sessions.parse(value, NOW.plus(Sessions.LIFETIME).minusSeconds(1)).isPresent());
    assertTrue(sessions.parse(value, NOW.plus(Sessions.LIFETIME)).isEmpty(), "expired");
  }

  @Test
  void anyChangeOrAnotherKeyMakesTheCookieWorthless() {
    Sessions sessions = sessions("a test key that is long enough to be a key");
    String value = sessions.sign(admin(), NOW);
    String[] parts = value.split("\\.");
    String laterExpiry =
        String.join(
            ".",
            parts[0],
            parts[1],
            Long.toString(Long.parseLong(parts[2]) + 1),
            parts[3],
            parts[4]);
    String otherEpoch =
        String.join(
            ".",
            parts[0],
            Integer.toString(Integer.parseInt(parts[1]) + 1),
            parts[2],
            parts[3],
            parts[4]);
    for (String forged :
        new String[] {laterExpiry, otherEpoch, value + "x", "", "v1....", "v2." + value}) {
      assertTrue(sessions.parse(forged, NOW).isEmpty(), forged);
    }
    assertTrue(
        sessions("another key, also long enough to be a key").parse(value, NOW).isEmpty(),
        "signed under another SECRET_KEY");
  }

  @Test
  void eachSessionHasItsOwnCsrfToken() {
    Sessions sessions = sessions("a test key that is long enough to be a key");
    Sessions.Session one = sessions.parse(sessions.sign(admin(), NOW), NOW).orElseThrow();
    Sessions.Session two = sessions.parse(sessions.sign(admin(), NOW), NOW).orElseThrow();
    assertNotEquals(one.value(), two.value(), "a fresh nonce per sign-in");
    assertTrue(sessions.csrfMatches(one, sessions.csrfToken(one)));
    assertFalse(sessions.csrfMatches(one, sessions.csrfToken(two)));
    assertFalse(sessions.csrfMatches(one, null));
    assertFalse(sessions.csrfMatches(one, ""));
  }

  /** An admin (the hash does not matter to sessions). */
  private static Admin admin() {
    return new Admin(
        "admin",
        "a password of some length",
        new PasswordHash() {
          @Override
          public String generate(char[] password) {
            return "not a hash";
          }

          @Override
          public boolean verify(char[] password, String hashedPassword) {
            return false;
          }
        });
  }
}
