package dev.lineup.backup.control;

import dev.lineup.platform.Crypto;
import dev.lineup.platform.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;

/**
 * A backup's provider secrets (passwords and credential-bearing URLs), sealed with a passphrase the
 * user gives: AES-256-GCM under a key derived from it (PBKDF2-HMAC-SHA256, 210,000 rounds, see
 * {@link Crypto}). They are never written in clear; a wrong passphrase fails the GCM check.
 */
public final class SealedSecrets {
  /** The shortest passphrase taken: a backup file travels, so its lock must not be trivial. */
  public static final int MIN_PASSPHRASE = 8;

  private SealedSecrets() {}

  /**
   * @throws ProblemException 400 when the passphrase is missing or too short
   */
  public static String seal(JsonObject secrets, String passphrase) {
    requireUsable(passphrase);
    return Crypto.forKey(passphrase).encrypt(secrets.toString());
  }

  /**
   * The secrets sealed in a backup.
   *
   * @throws ProblemException 400 without a passphrase, 422 when it does not open them
   */
  public static JsonObject open(String sealed, String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw ProblemException.badRequest(
          "This backup holds encrypted provider secrets: send its passphrase in the"
              + " X-Backup-Passphrase header.");
    }
    if (!Crypto.encrypted(sealed)) {
      throw BackupProblems.invalid("secrets.sealed", "is not a sealed value");
    }
    String plain;
    try {
      plain = Crypto.forKey(passphrase).decrypt(sealed);
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
