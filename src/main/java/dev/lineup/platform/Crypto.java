package dev.lineup.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lineup's secret key ({@code SECRET_KEY}) and what it protects: provider passwords are stored
 * encrypted with AES-256-GCM under a key derived from it (PBKDF2-HMAC-SHA256), as {@code
 * enc:v1:<base64url(iv ‖ ciphertext ‖ tag)>}; session cookies are signed with HMAC-SHA256 under a
 * second key derived from it (another salt), so neither key reveals the other.
 *
 * <p>Where the key comes from: {@code SECRET_KEY}; else, outside production, the file {@code
 * SECRET_KEY_FILE} (default: the server's output folder + {@code /secret.key}), generated once with
 * 256 random bits. With {@code LINEUP_MODE=production} a missing, short or well-known key stops
 * Lineup from starting.
 */
@ApplicationScoped
public class Crypto {
  private static final Logger LOG = Logger.getLogger(Crypto.class.getName());
  private static final String PREFIX = "enc:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] SALT =
      "lineup/provider-passwords/v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SIGNING_SALT =
      "lineup/signatures/v1".getBytes(StandardCharsets.UTF_8);
  private static final int ITERATIONS = 210_000;
  private static final Set<String> WELL_KNOWN =
      Set.of("change-me", "changeme", "secret", "secret-key", "secret_key", "lineup", "password");
  private static final SecureRandom RANDOM = new SecureRandom();

  // Read here and checked at start through the same Variables (ConfigCheck), so they agree.
  static final Variable<String> KEY =
      Variable.text(
          "SECRET_KEY", null, "at least 32 random characters (openssl rand -base64 48)", true);
  static final Variable<String> KEY_FILE =
      Variable.text("SECRET_KEY_FILE", null, "a file path", false);
  static final Variable<String> MODE =
      Variable.oneOf("LINEUP_MODE", "development", "development", "production");

  private SecretKey key;
  private SecretKey signingKey;

  /** Resolved at start, so a bad key stops the application before it serves anything. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    key.getAlgorithm();
  }

  @PostConstruct
  void init() {
    use(resolve(KEY.value(), production(MODE.value()), this::fromFile));
  }

  /** The cipher under a given key, outside CDI (unit tests). */
  public static Crypto forKey(String secret) {
    Crypto secrets = new Crypto();
    secrets.use(secret);
    return secrets;
  }

  /** Derives both keys from the secret. */
  private void use(String secret) {
    key = derive(secret);
    signingKey = new SecretKeySpec(pbkdf2(secret, SIGNING_SALT), "HmacSHA256");
  }

  /** The bean, for places CDI does not inject (JPA converters). */
  public static Crypto current() {
    return CDI.current().select(Crypto.class).get();
  }

  static boolean production(String mode) {
    return "production".equals(mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The secret to use: the configured one (in production: only a strong one), else the file's.
   *
   * @throws IllegalStateException in production without a strong {@code SECRET_KEY}
   */
  static String resolve(
      String configured, boolean production, java.util.function.Supplier<String> file) {
    String secret = configured == null ? "" : configured.strip();
    if (production
        && (secret.length() < 32 || WELL_KNOWN.contains(secret.toLowerCase(Locale.ROOT)))) {
      throw new IllegalStateException(
          "LINEUP_MODE=production needs a SECRET_KEY of at least 32 random characters"
              + " (for example: openssl rand -base64 48); Lineup does not start without one.");
    }
    return secret.isEmpty() ? file.get() : secret;
  }

  /** The key file's secret, written with 256 random bits first when there is none. */
  private String fromFile() {
    Path file =
        Optional.ofNullable(KEY_FILE.value())
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("server.output.dir", "."), "secret.key"));
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return keyFile(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /**
   * The secret in {@code file}; when there is no file yet, {@code generated} is written to it
   * first. The file never exists with wider permissions or with part of a key: the key is written
   * to a temporary file created owner-only ({@code rw-------}), then linked into place, which fails
   * when another server created the file meanwhile (its key is then the one used).
   *
   * @throws IllegalStateException when the file exists but holds no key
   */
  static String keyFile(Path file, String generated) {
    try {
      if (!Files.exists(file)) {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path written = ownerOnlyTempFile(folder);
        try {
          Files.writeString(written, generated + "\n", StandardCharsets.UTF_8);
          try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          if (place(written, file)) {
            LOG.info(
                () -> "Generated a secret key in " + file + " (keep it with the database backup)");
            return generated;
          }
        } finally {
          Files.deleteIfExists(written);
        }
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalStateException(
            "The secret key file "
                + file
                + " is empty. Restore it from the backup of the database, or set SECRET_KEY;"
                + " Lineup does not start with an empty key.");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create the secret key file " + file, e);
    }
  }

  private static Path ownerOnlyTempFile(Path folder) throws IOException {
    try {
      return Files.createTempFile(
          folder,
          ".secret.key-",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(folder, ".secret.key-", ".tmp"); // not POSIX: the folder's ACL
    }
  }

  /** Puts the written key in place unless a file is there already; false when one was. */
  private static boolean place(Path written, Path file) throws IOException {
    try {
      Files.createLink(file, written); // atomic, and never replaces
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(file)) {
        return false;
      }
      try {
        Files.move(written, file); // no hard links here: a move that refuses to replace
        return true;
      } catch (FileAlreadyExistsException raced) {
        return false;
      }
    }
  }

  static SecretKey derive(String secret) {
    return new SecretKeySpec(pbkdf2(secret, SALT), "AES");
  }

  /** PBKDF2-HMAC-SHA256's rounds for a key from a person's passphrase (a backup's). */
  public static final int PASSPHRASE_ITERATIONS = ITERATIONS;

  /**
   * Encrypts under a key derived from a person's passphrase with this salt (a random one per sealed
   * value, so no precomputed key serves two backups).
   */
  public static String seal(String passphrase, byte[] salt, String plain) {
    return encrypt(new SecretKeySpec(pbkdf2(passphrase, salt), "AES"), plain);
  }

  /**
   * Decrypts what {@link #seal} made.
   *
   * @throws IllegalStateException when the passphrase or salt is not the one it was sealed with
   */
  public static String open(String passphrase, byte[] salt, String sealed) {
    return decrypt(new SecretKeySpec(pbkdf2(passphrase, salt), "AES"), sealed);
  }

  /** Random bytes (a salt). */
  public static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }

  private static byte[] pbkdf2(String secret, byte[] salt) {
    try {
      SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return factory
          .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not derive a key from SECRET_KEY", e);
    }
  }

  /** The HMAC-SHA256 of a text under the signing key, base64url. */
  public String sign(String text) {
    return sign(signingKey, text);
  }

  /** Whether {@code signature} is the text's, compared in constant time. */
  public boolean verify(String text, String signature) {
    return signature != null
        && MessageDigest.isEqual(
            sign(text).getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII));
  }

  static String sign(SecretKey key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not sign", e);
    }
  }

  /** Whether a stored value is encrypted by this scheme. */
  public static boolean encrypted(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** Encrypts a value for storage; null stays null. */
  public String encrypt(String plain) {
    return encrypt(key, plain);
  }

  /**
   * Decrypts a stored value; a value stored before encryption (no prefix) is returned as it is.
   *
   * @throws IllegalStateException when the value was encrypted with another key or altered
   */
  public String decrypt(String stored) {
    return decrypt(key, stored);
  }

  static String encrypt(SecretKey key, String plain) {
    if (plain == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt", e);
    }
  }

  static String decrypt(SecretKey key, String stored) {
    if (!encrypted(stored)) {
      return stored;
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "A stored secret cannot be decrypted: SECRET_KEY is not the key it was stored with");
    }
  }
}
