package dev.lineup.backup.control;

import dev.lineup.platform.Crypto;
import dev.lineup.platform.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Base64;

/**
 * A backup's provider secrets (passwords and credential-bearing URLs), sealed with a passphrase the
 * user gives: AES-256-GCM under a key derived from it with a random salt of its own
 * (PBKDF2-HMAC-SHA256, 210,000 rounds, see {@link Crypto#seal}), written as {@code {"included":
 * true, "kdf": …, "iterations": …, "salt": …, "sealed": …}}. They are never written in clear; a
 * wrong passphrase fails the GCM check.
 */
public final class SealedSecrets {
  /** The shortest passphrase taken: a backup file travels, so its lock must not be trivial. */
  public static final int MIN_PASSPHRASE = 8;

  private SealedSecrets() {}

  static final String KDF = "PBKDF2WithHmacSHA256";

  /**
   * The {@code secrets} section holding these secrets sealed.
   *
   * @throws ProblemException 400 when the passphrase is missing or too short
   */
  public static JsonObject seal(JsonObject secrets, String passphrase) {
    requireUsable(passphrase);
    byte[] salt = Crypto.random(16);
    return Json.createObjectBuilder()
        .add("included", true)
        .add("kdf", KDF)
        .add("iterations", Crypto.PASSPHRASE_ITERATIONS)
        .add("salt", Base64.getEncoder().encodeToString(salt))
        .add("sealed", Crypto.seal(passphrase, salt, secrets.toString()))
        .build();
  }

  /**
   * The secrets sealed in a backup's {@code secrets} section.
   *
   * @throws ProblemException 400 without a passphrase, 422 when it does not open them
   */
  public static JsonObject open(JsonObject section, String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw ProblemException.badRequest(
          "This backup holds encrypted provider secrets: send its passphrase in the"
              + " X-Backup-Passphrase header.");
    }
    if (!(section.get("sealed") instanceof JsonString sealed)
        || !Crypto.encrypted(sealed.getString())) {
      throw BackupProblems.invalid("secrets.sealed", "is not a sealed value");
    }
    if (!KDF.equals(section.getString("kdf", ""))
        || !(section.get("iterations") instanceof JsonNumber rounds)
        || rounds.intValue() != Crypto.PASSPHRASE_ITERATIONS) {
      throw BackupProblems.invalid(
          "secrets.kdf",
          "must be " + KDF + " with " + Crypto.PASSPHRASE_ITERATIONS + " iterations");
    }
    byte[] salt;
    try {
      salt = Base64.getDecoder().decode(section.getString("salt", ""));
    } catch (IllegalArgumentException e) {
      salt = new byte[0];
    }
    if (salt.length < 16 || salt.length > 64) {
      throw BackupProblems.invalid("secrets.salt", "must be 16 to 64 bytes, base64");
    }
    String plain;
    try {
      plain = Crypto.open(passphrase, salt, sealed.getString());
    } catch (IllegalStateException e) {
      throw BackupProblems.invalid(
          "X-Backup-Passphrase", "does not open this backup's secrets: the passphrase is wrong");
    }
    try (var reader = Json.createReader(new StringReader(plain))) {
      return reader.readObject();
    } catch (JsonException e) {
      throw BackupProblems.invalid("secrets.sealed", "does not hold a JSON object");
    }
  }

  static void requireUsable(String passphrase) {
    if (passphrase == null || passphrase.length() < MIN_PASSPHRASE) {
      throw ProblemException.badRequest(
          "Secrets are included only sealed with a passphrase of "
              + MIN_PASSPHRASE
              + " characters or more, sent in the X-Backup-Passphrase header (never in the URL).");
    }
  }
}
