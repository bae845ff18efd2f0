package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SecretsTest {
  static final SecretKey KEY = Secrets.derive("a test key that is long enough to be a key");

  @Test
  void aPasswordRoundTripsAndIsNeverStoredAsItself() {
    String stored = Secrets.encrypt(KEY, "p@ss w0rd&=?");
    assertTrue(stored.startsWith("enc:v1:"), stored);
    assertFalse(stored.contains("p@ss"), stored);
    assertEquals("p@ss w0rd&=?", Secrets.decrypt(KEY, stored));
    assertNotEquals(stored, Secrets.encrypt(KEY, "p@ss w0rd&=?"), "a fresh IV every time");
  }

  @Test
  void aValueStoredBeforeEncryptionIsReadAsItIs() {
    assertEquals("plain", Secrets.decrypt(KEY, "plain"));
    assertEquals(null, Secrets.decrypt(KEY, null));
  }

  @Test
  void anotherKeyOrAnAlteredValueIsRefusedWithoutShowingTheValue() {
    String stored = Secrets.encrypt(KEY, "secret-password");
    SecretKey other = Secrets.derive("another key, also long enough to be a key");
    IllegalStateException wrongKey =
        assertThrows(IllegalStateException.class, () -> Secrets.decrypt(other, stored));
    assertTrue(wrongKey.getMessage().contains("SECRET_KEY"), wrongKey.getMessage());
    assertFalse(wrongKey.getMessage().contains("secret-password"));
    int at =
        "enc:v1:".length()
            + 20; // a byte of the ciphertext (the last character may be padding bits)
    String altered =
        stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);
    assertThrows(IllegalStateException.class, () -> Secrets.decrypt(KEY, altered));
  }

  @Test
  void productionNeedsAStrongKeyAndDevelopmentFallsBackToTheKeyFile() {
    assertThrows(IllegalStateException.class, () -> Secrets.resolve(null, true, () -> "file"));
    assertThrows(
        IllegalStateException.class, () -> Secrets.resolve("change-me", true, () -> "file"));
    assertThrows(IllegalStateException.class, () -> Secrets.resolve("short", true, () -> "file"));
    String strong = "q3Vx8l2YbZr4T0wKc9pN6sJ1mHgFdEaB7uQ";
    assertEquals(strong, Secrets.resolve(strong, true, () -> "file"));
    assertEquals("file", Secrets.resolve(null, false, () -> "file"));
    assertEquals("file", Secrets.resolve("  ", false, () -> "file"));
    assertEquals("short", Secrets.resolve("short", false, () -> "file"));
    assertTrue(Secrets.production(" Production "));
    assertFalse(Secrets.production(null));
  }
}
