package dev.lineup.access.control;

import dev.lineup.access.entity.Admin;
import dev.lineup.platform.Crypto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed session cookies. A session is {@code v1.<epoch>.<expires>.<nonce>.<signature>}: the
 * signature is an HMAC-SHA256 under a key derived from {@code SECRET_KEY}, so the server keeps no
 * session state, sessions survive restarts, and a changed cookie is worthless. A session ends when
 * it expires (30 days after sign-in) or when the admin's session epoch is raised (sign out, new
 * password).
 *
 * <p>The cookie is {@code HttpOnly} and {@code SameSite=Lax}, and {@code Secure} when the request
 * came over HTTPS (directly, or through a proxy that says so in {@code X-Forwarded-Proto}). Each
 * session has its CSRF token: another HMAC of the cookie, which pages carry and scripts send back.
 */
@ApplicationScoped
public class Sessions {
  public static final String COOKIE = "lineup_session";
  static final Duration LIFETIME = Duration.ofDays(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Crypto secrets;

  /** A verified, unexpired session: the epoch it was signed in, and its cookie value. */
  public record Session(int epoch, String value) {}

  /** The request's session, if its cookie is well-formed, correctly signed and unexpired. */
  public Optional<Session> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName())) {
        Optional<Session> session = parse(cookie.getValue(), Instant.now());
        if (session.isPresent()) {
          return session;
        }
      }
    }
    return Optional.empty();
  }

  Optional<Session> parse(String value, Instant now) {
    if (value == null || value.length() > 200) {
      return Optional.empty();
    }
    String[] parts = value.split("\\.");
    if (parts.length != 5 || !"v1".equals(parts[0])) {
      return Optional.empty();
    }
    String signed = value.substring(0, value.lastIndexOf('.'));
    if (!secrets.verify("session." + signed, parts[4])) {
      return Optional.empty();
    }
    try {
      if (Long.parseLong(parts[2]) <= now.getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(new Session(Integer.parseInt(parts[1]), value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A new session value for the admin as they are now. */
  String sign(Admin admin, Instant now) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String signed =
        "v1."
            + admin.sessionEpoch()
            + "."
            + now.plus(LIFETIME).getEpochSecond()
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    return signed + "." + secrets.sign("session." + signed);
  }

  /** Signs the admin in on this browser: sets the session cookie. */
  public Session issue(Admin admin, HttpServletRequest request, HttpServletResponse response) {
    String value = sign(admin, Instant.now());
    response.addHeader("Set-Cookie", cookie(value, LIFETIME.toSeconds(), request));
    Session session = new Session(admin.sessionEpoch(), value);
    response.setHeader("X-CSRF-Token", csrfToken(session));
    return session;
  }

  /** Removes the session cookie from this browser. */
  public void clear(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", cookie("", 0, request));
  }

  /** The CSRF token of a session: what state-changing requests signed in by cookie must send. */
  public String csrfToken(Session session) {
    return secrets.sign("csrf." + session.value());
  }

  /** Whether {@code token} is the session's CSRF token (constant time). */
  public boolean csrfMatches(Session session, String token) {
    return secrets.verify("csrf." + session.value(), token);
  }

  /** The Set-Cookie header (written out, so servlets and JAX-RS resources send the same one). */
  private static String cookie(String value, long maxAge, HttpServletRequest request) {
    boolean https =
        request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    return COOKIE
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAge
        + "; HttpOnly; SameSite=Lax"
        + (https ? "; Secure" : "");
  }
}
