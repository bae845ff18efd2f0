package dev.lineup.access.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * The admin password's hash: Jakarta Security's {@link Pbkdf2PasswordHash} with PBKDF2-HMAC-SHA512,
 * 210,000 iterations and a 32-byte random salt per password (OWASP's 2023 figure for this PRF); the
 * parameters are stored with each hash, so they can be raised later.
 */
@ApplicationScoped
public class AdminPasswords {
  @Inject Pbkdf2PasswordHash hash;

  /** A hash of no one's password, verified when the username is wrong so both take as long. */
  private String decoy;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    decoy = hash.generate("decoy password".toCharArray());
  }

  public Pbkdf2PasswordHash hash() {
    return hash;
  }

  /** Spends the time of a real check, for an unknown username. */
  public void decoy(String password) {
    hash.verify(password.toCharArray(), decoy);
  }
}
