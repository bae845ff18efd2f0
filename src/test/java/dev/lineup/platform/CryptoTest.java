package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoTest {
  static final SecretKey KEY = Crypto.derive("a test key that is long enough to be a key");

  @Test
  void aPasswordRoundTripsAndIsNeverStoredAsItself() {
    String stored = Crypto.encrypt(KEY, "p@ss w0rd&=?");
    assertTrue(stored.startsWith("enc:v1:"), stored);
    assertFalse(stored.contains("p@ss"), stored);
    assertEquals("p@ss w0rd&=?", Crypto.decrypt(KEY, stored));
    assertNotEquals(stored, Crypto.encrypt(KEY, "p@ss w0rd&=?"), "a fresh IV every time");
  }

  @Test
  void aValueStoredBeforeEncryptionIsReadAsItIs() {
    assertEquals("plain", Crypto.decrypt(KEY, "plain"));
    assertEquals(null, Crypto.decrypt(KEY, null));
  }

  @Test
  void anotherKeyOrAnAlteredValueIsRefusedWithoutShowingTheValue() {
    String stored = Crypto.encrypt(KEY, "secret-password");
    SecretKey other = Crypto.derive("another key, also long enough to be a key");
    IllegalStateException wrongKey =
        assertThrows(IllegalStateException.class, () -> Crypto.decrypt(other, stored));
    assertTrue(wrongKey.getMessage().contains("SECRET_KEY"), wrongKey.getMessage());
    assertFalse(wrongKey.getMessage().contains("secret-password"));
    int at =
        "enc:v1:".length()
            + 20; // a byte of the ciphertext (the last character may be padding bits)
    String altered =
        stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);
    assertThrows(IllegalStateException.class, () -> Crypto.decrypt(KEY, altered));
  }

  @Test
  void productionNeedsAStrongKeyAndDevelopmentFallsBackToTheKeyFile() {
    assertThrows(IllegalStateException.class, () -> Crypto.resolve(null, true, () -> "file"));
    assertThrows(
        IllegalStateException.class, () -> Crypto.resolve("change-me", true, () -> "file"));
    assertThrows(IllegalStateException.class, () -> Crypto.resolve("short", true, () -> "file"));
    String strong = "q3Vx8l2YbZr4T0wKc9pN6sJ1mHgFdEaB7uQ";
    assertEquals(strong, Crypto.resolve(strong, true, () -> "file"));
    assertEquals("file", Crypto.resolve(null, false, () -> "file"));
    assertEquals("file", Crypto.resolve("  ", false, () -> "file"));
    assertEquals("short", Crypto.resolve("short", false, () -> "file"));
    assertTrue(Crypto.production(" Production "));
    assertFalse(Crypto.production(null));
  }

  @Test
  void aGeneratedKeyFileIsOwnerOnlyAndComplete(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keys/secret.key");
    assertEquals("generated-key", Crypto.keyFile(file, "generated-key"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("generated-key\n", Files.readString(file, StandardCharsets.UTF_8));
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
    assertEquals("generated-key", Crypto.keyFile(file, "another-key"), "generated only once");
  }

  @Test
  void anExistingKeyFileWinsAndAnEmptyOneStopsTheStart(@TempDir Path dir) throws IOException {
    Path kept = Files.writeString(dir.resolve("kept.key"), " kept-key \n");
    assertEquals("kept-key", Crypto.keyFile(kept, "generated-key"));
    assertEquals(" kept-key \n", Files.readString(kept), "an existing key is never replaced");
    // A file left empty (say by a crash between creating and writing it) must not become a key.
    Path empty = Files.createFile(dir.resolve("empty.key"));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> Crypto.keyFile(empty, "generated-key"));
    assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
  }

  @Test
  void serversGeneratingAtOnceAllUseTheOneKeyThatLanded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret.key");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> starts =
          java.util.stream.IntStream.range(0, 8)
              .mapToObj(i -> (Callable<String>) () -> Crypto.keyFile(file, "key-" + i))
              .toList();
      List<String> keys = pool.invokeAll(starts).stream().map(CryptoTest::value).toList();
      String landed = Files.readString(file).strip();
      assertTrue(keys.stream().allMatch(landed::equals), keys + " vs " + landed);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String value(Future<String> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
