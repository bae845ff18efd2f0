package dev.lineup.xtream.control;

import dev.lineup.access.control.AdminPasswords;
import dev.lineup.access.control.SignInThrottle;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Signs Xtream players in. A player sends its username and password with every request (each
 * channel list, each stream URL), and a PBKDF2 check costs about 0.2 s of CPU, so a password once
 * checked is remembered for {@value #REMEMBER_MINUTES} minutes, by an HMAC of the pair under a key
 * made at each start (the password itself is not kept), and only while the user's stored hash stays
 * the same: a new password or a deleted user ends it. Checks that do cost PBKDF2 go through a
 * {@link SignInThrottle} of their own: after 10 failures from an address within 15 minutes, it
 * waits (the admin's sign-in is counted apart). Each user's last use and address are written at
 * most once a minute.
 */
@ApplicationScoped
public class XtreamLogins {
  private static final Logger LOG = Logger.getLogger(XtreamLogins.class.getName());
  static final int REMEMBER_MINUTES = 10;
  private static final int MAX_REMEMBERED = 10_000;
  private static final long TOUCH_EVERY_SECONDS = 60;

  @PersistenceContext EntityManager em;
  @Inject AdminPasswords passwords;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  private final SignInThrottle throttle = new SignInThrottle();
  private final byte[] key = new byte[32];
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final Map<Long, Touched> touched = new ConcurrentHashMap<>();

  private record Remembered(String passwordHash, Instant until) {}

  private record Touched(Instant at, String address) {}

  public XtreamLogins() {
    new SecureRandom().nextBytes(key);
  }

  /**
   * The user these credentials sign in, whatever its status (a disabled or expired user is still
   * told so); empty when they are wrong.
   *
   * @throws SignInThrottle.Refused when the address has failed too often, or too many checks run
   */
  public Optional<XtreamUser> signIn(String username, String password, String address) {
    if (username == null
        || password == null
        || !XtreamUser.CREDENTIAL.matcher(username).matches()
        || password.length() > 128) {
      return Optional.empty();
    }
    Optional<XtreamUser> found = XtreamUser.byUsername(em, username);
    String pair = pair(username, password);
    Instant now = Instant.now();
    if (found.isPresent()) {
      Remembered known = remembered.get(pair);
      if (known != null
          && known.until().isAfter(now)
          && known.passwordHash().equals(found.get().passwordHash())) {
        touch(found.get(), address, now);
        return found;
      }
    }
    try (SignInThrottle.Attempt attempt = throttle.begin(address)) {
      if (found.isEmpty()) {
        passwords.decoy(password); // as long as a real check
        return Optional.empty();
      }
      if (!found.get().verify(password, passwords.hash())) {
        return Optional.empty();
      }
      attempt.succeeded();
    }
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(
        pair, new Remembered(found.get().passwordHash(), now.plusSeconds(REMEMBER_MINUTES * 60L)));
    touch(found.get(), address, now);
    return found;
  }

  /** Records the user's last use and address, at most once a minute (or when the address moves). */
  private void touch(XtreamUser user, String address, Instant now) {
    String where = address == null ? null : address.substring(0, Math.min(64, address.length()));
    Touched last = touched.get(user.id());
    if (last != null
        && last.at().plusSeconds(TOUCH_EVERY_SECONDS).isAfter(now)
        && java.util.Objects.equals(last.address(), where)) {
      return;
    }
    touched.put(user.id(), new Touched(now, where));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE xtream_users SET last_used_at = ?, last_address = ? WHERE id = ?")) {
      update.setTimestamp(
          1, Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC).withNano(0)));
      update.setString(2, where);
      update.setLong(3, user.id());
      update.executeUpdate();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not record the last use of Xtream user " + user.id(), e);
    }
  }

  /** Forgets what was remembered of a user (its password changed, or it was deleted). */
  public void forget(long userId) {
    touched.remove(userId);
    // remembered pairs end by themselves: their hash no longer matches the stored one
  }

  private String pair(String username, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
