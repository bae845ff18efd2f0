package dev.lineup.provider.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests, one per thread and reused: looking the algorithm up for each of 100,000 channels
 * (a fingerprint and, for playlists, a key each) cost more than hashing them.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGESTS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private Sha256() {}

  /** This thread's digest, reset: update it, then {@code digest()} (which resets it again). */
  public static MessageDigest digest() {
    MessageDigest digest = DIGESTS.get();
    digest.reset();
    return digest;
  }
}
