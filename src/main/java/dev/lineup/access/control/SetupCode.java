package dev.lineup.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one-time setup code: while Lineup has no admin, the setup page asks for it, so a stranger who
 * reaches a fresh install first cannot make themselves its admin. The code is made when it is first
 * needed (at start when there is no admin, or when the setup page is opened after the admin was
 * removed) and written to the server log only; the admin's creation uses it up.
 */
@ApplicationScoped
public class SetupCode {
  private static final Logger LOG = Logger.getLogger(SetupCode.class.getName());

  /** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L, U). */
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "http.port", defaultValue = "9080")
  String httpPort;

  private String code;

  /** Makes a code (and logs it) unless there is one already. */
  public synchronized void announce() {
    if (code == null) {
      code = generate();
      LOG.warning(
          "Lineup has no admin yet: open http://localhost:"
              + httpPort
              + "/setup (or this server's address) and enter the setup code "
              + code);
    }
  }

  /** Whether {@code given} is the current code (case, spaces and dashes aside; constant time). */
  public synchronized boolean matches(String given) {
    if (code == null || given == null || given.length() > 100) {
      return false;
    }
    return MessageDigest.isEqual(
        normalized(code).getBytes(StandardCharsets.US_ASCII),
        normalized(given).getBytes(StandardCharsets.US_ASCII));
  }

  /** The admin exists: the code is spent; a later reset makes a new one. */
  public synchronized void used() {
    code = null;
  }

  /** Twelve characters from {@link #ALPHABET} (about 59 bits), as XXXX-XXXX-XXXX. */
  static String generate() {
    StringBuilder out = new StringBuilder(14);
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  static String normalized(String code) {
    return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }
}
