package dev.lineup.xtream.control;

import dev.lineup.access.control.AdminPasswords;
import dev.lineup.access.control.SignInThrottle;
import dev.lineup.platform.ProblemException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Signs Xtream players in. A player sends its username and password with every request (each
 * channel list, each stream), and a PBKDF2 check costs about 0.2 s of CPU, so a password once
 * checked is remembered while it is used (until {@value #REMEMBER_MINUTES} minutes pass without
 * it), by an HMAC of the pair under a key made at each start (the password itself is not kept), and
 * only while the user's stored hash stays the same: a new password or a deleted user ends it.
 * Requests that arrive together with the same pair (a player opening several lists at once) share
 * one check. Checks go through a {@link SignInThrottle} of their own: after 10 failures from an
 * address within 15 minutes it waits (the admin's sign-in is counted apart). Each user's last use
 * and address are written at most once a minute.
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

  private final SignInThrottle throttle = SignInThrottle.forPlayers();
  private final byte[] key = new byte[32];
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();
  private final Map<Long, Touched> touched = new ConcurrentHashMap<>();

  /** A checked pair: the hash it was checked against, and until when it is remembered. */
  private record Remembered(String passwordHash, Instant until) {}

  private record Touched(Instant at, String address) {}

  /** A user as read from the database (empty: no such user), and when. */
  private record Loaded(Optional<XtreamUser> user, Instant at) {}

  private static final long USER_SECONDS = 2;
  private final Map<String, Loaded> users = new ConcurrentHashMap<>();

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
    Optional<XtreamUser> found = user(username);
    String pair = pair(username, password);
    Instant now = Instant.now();
    if (found.isPresent() && known(pair, found.get().passwordHash(), now)) {
      touch(found.get(), address, now);
      return found;
    }
    if (!check(pair, found, password, address)) {
      return Optional.empty();
    }
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(pair, new Remembered(found.get().passwordHash(), later(now)));
    touch(found.get(), address, now);
    return found;
  }

  /**
   * The user these credentials sign in, for a request that only an active user may make (an M3U, a
   * guide, a stream): 404 when they are wrong (as panels answer), 403 when the user is disabled or
   * expired.
   */
  public XtreamUser requireActive(String username, String password, String address) {
    return requireActive(signIn(username, password, address));
  }

  /** {@link #requireActive(String, String, String)} of a sign-in's outcome. */
  public static XtreamUser requireActive(Optional<XtreamUser> user) {
    if (user.isEmpty()) {
      throw new ProblemException(404, "Not found", "Unknown username or password.");
    }
    Instant now = Instant.now();
    if (!user.get().active(now)) {
      throw new ProblemException(
          403,
          "Forbidden",
          "This login is " + user.get().status(now).toLowerCase(java.util.Locale.ROOT) + ".");
    }
    return user.get();
  }

  /**
   * The user named exactly {@code username}, read again from the database at most every {@value
   * #USER_SECONDS} s (a player's burst of requests reads it once); a change through the API is seen
   * at once ({@link #forget}).
   */
  private Optional<XtreamUser> user(String username) {
    Instant now = Instant.now();
    Loaded loaded = users.get(username);
    if (loaded != null && loaded.at().plusSeconds(USER_SECONDS).isAfter(now)) {
      return loaded.user();
    }
    Optional<XtreamUser> found = XtreamUser.byUsername(em, username);
    if (users.size() >= MAX_REMEMBERED) {
      users.clear();
    }
    users.put(username, new Loaded(found, now));
    return found;
  }

  /** Whether the pair was checked against this hash and used lately; using it keeps it longer. */
  private boolean known(String pair, String passwordHash, Instant now) {
    Remembered known = remembered.get(pair);
    if (known == null
        || !known.until().isAfter(now)
        || !known.passwordHash().equals(passwordHash)) {
      return false;
    }
    if (known.until().isBefore(later(now).minusSeconds(60))) {
      remembered.put(pair, new Remembered(passwordHash, later(now)));
    }
    return true;
  }

  private static Instant later(Instant now) {
    return now.plusSeconds(REMEMBER_MINUTES * 60L);
  }

  /**
   * The PBKDF2 check, once for all the requests with this pair that arrive meanwhile: the first
   * checks (a throttled attempt), the others wait for its outcome.
   */
  private boolean check(String pair, Optional<XtreamUser> found, String password, String address) {
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> running = checking.putIfAbsent(pair, mine);
    if (running != null) {
      try {
        return running.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException refused) {
          throw refused; // the throttle's answer holds for the same pair
        }
        return false;
      } catch (TimeoutException e) {
        return false;
      }
    }
    try (SignInThrottle.Attempt attempt = throttle.begin(address)) {
      boolean ok;
      if (found.isEmpty()) {
        passwords.decoy(password); // as long as a real check
        ok = false;
      } else {
        ok = found.get().verify(password, passwords.hash());
      }
      if (ok) {
        attempt.succeeded();
      }
      mine.complete(ok);
      return ok;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      checking.remove(pair, mine);
    }
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

  /** Forgets what was read of users: one was made, changed or deleted. */
  public void forget(long userId) {
    touched.remove(userId);
    users.clear(); // a rename frees a name and takes another: read every user again
    // remembered pairs end by themselves: their hash no longer matches the stored one
  }

  private String pair(String username, String password) {
    Mac mac = macs.get();
    mac.update(username.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
  }

  /** HMAC-SHA256 under this start's key, one per thread (doFinal leaves it ready again). */
  private final ThreadLocal<Mac> macs =
      ThreadLocal.withInitial(
          () -> {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(new SecretKeySpec(key, "HmacSHA256"));
              return mac;
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });
}
