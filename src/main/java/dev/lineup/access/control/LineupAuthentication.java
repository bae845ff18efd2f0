package dev.lineup.access.control;

import dev.lineup.access.control.Sessions.Session;
import dev.lineup.access.entity.Admin;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.platform.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lineup's Jakarta Security authentication mechanism, asked about every request. Who is calling:
 *
 * <ul>
 *   <li>the sign-in and setup pages, through {@code SecurityContext.authenticate} with the form's
 *       credential: checked by {@link AdminIdentityStore}, then a session cookie is issued;
 *   <li>{@code Authorization: Bearer lu_…}: an API token (scripts; {@link ApiTokens});
 *   <li>the {@link Sessions session cookie} of a signed-in browser, if its epoch is current.
 * </ul>
 *
 * Anyone else reaching a protected URL (everything but player URLs, static files, sign-in and
 * setup; see web.xml) is refused here: the API answers a 401 problem, a page redirects to the
 * sign-in page (or to setup, before there is an admin), htmx is told to go there.
 */
@ApplicationScoped
public class LineupAuthentication implements HttpAuthenticationMechanism {
  /** Request attribute: the {@link Session} the request was signed in with (absent for tokens). */
  public static final String SESSION = "lineup.session";

  /** How a caller signed in with an API token is named: this prefix, then the token's name. */
  public static final String TOKEN_CALLER = "token:";

  /** Request attribute: the session's CSRF token, for the page layout's meta tag and forms. */
  public static final String CSRF = "csrfToken";

  private static final Logger LOG = Logger.getLogger(LineupAuthentication.class.getName());

  @Inject IdentityStoreHandler identityStores;
  @Inject Sessions sessions;
  @Inject ApiTokens tokens;
  @Inject Admins admins;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential != null) {
      return signIn(credential, request, response, context);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<String> token = tokens.verify(authorization.substring(7).strip());
      if (token.isPresent()) {
        return context.notifyContainerAboutLogin(
            TOKEN_CALLER + token.get(), Set.of(AdminIdentityStore.ROLE));
      }
      return refuse(
          request,
          response,
          "The API token is not valid: it may have been revoked. Create a new one on the Access"
              + " page.");
    }
    Optional<Session> session = sessions.read(request);
    Optional<String> holder = session.flatMap(s -> admins.sessionHolder(s.epoch()));
    if (holder.isPresent()) {
      signedIn(request, session.get());
      return context.notifyContainerAboutLogin(holder.get(), Set.of(AdminIdentityStore.ROLE));
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    Matcher stream = XTREAM_STREAM.matcher(request.getRequestURI());
    if (stream.matches()
        && !ROOTS.contains(stream.group(1))
        && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
      return redirect(
          response,
          "/live/"
              + stream.group(1)
              + "/"
              + stream.group(2)
              + "/"
              + stream.group(3)
              + "."
              + (stream.group(4) == null ? "ts" : stream.group(4)));
    }
    if (!admins.exists()) {
      return refuse(
          request,
          response,
          "Lineup has no admin yet: create one at /setup with the setup code from the server"
              + " log, then sign in.",
          "/setup");
    }
    return refuse(
        request,
        response,
        "Sign in at /login, or send an API token (Authorization: Bearer <token>; the Access page"
            + " makes them).",
        "/login?next=" + URLEncoder.encode(pathAndQuery(request), StandardCharsets.UTF_8));
  }

  /**
   * An Xtream Codes stream URL in its short form, {@code /{username}/{password}/{stream_id}}, which
   * some players use: it is the {@code /live/} form's, which is open to players (the password is
   * checked there). It is sent there from here because web.xml cannot name it.
   */
  private static final Pattern XTREAM_STREAM =
      Pattern.compile(
          "^/([A-Za-z0-9._~-]{1,64})/([A-Za-z0-9._~-]{1,128})/(\\d{1,18})(?:\\.(ts|m3u8))?$");

  /** Lineup's own first path segments: never an Xtream username. */
  private static final Set<String> ROOTS =
      Set.of(
          "api",
          "health",
          "metrics",
          "openapi",
          "accounts",
          "preview",
          "tags",
          "filters",
          "playlists",
          "players",
          "access",
          "static",
          "webjars",
          "login",
          "setup",
          "logout");

  private static AuthenticationStatus redirect(HttpServletResponse response, String location) {
    try {
      response.setHeader("Cache-Control", "no-store");
      response.sendRedirect(location);
      return AuthenticationStatus.SEND_CONTINUE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AuthenticationStatus signIn(
      Credential credential,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      LOG.warning(() -> "Failed sign-in from " + request.getRemoteAddr());
      return AuthenticationStatus.SEND_FAILURE;
    }
    Admin admin = admins.find().orElseThrow();
    signedIn(request, sessions.issue(admin, request, response));
    LOG.info(() -> "Signed in: " + admin.username() + " from " + request.getRemoteAddr());
    return context.notifyContainerAboutLogin(result);
  }

  private void signedIn(HttpServletRequest request, Session session) {
    request.setAttribute(SESSION, session);
    request.setAttribute(CSRF, sessions.csrfToken(session));
  }

  private AuthenticationStatus refuse(
      HttpServletRequest request, HttpServletResponse response, String detail) {
    return refuse(request, response, detail, null);
  }

  /**
   * A 401 problem for the API and scripts; a redirect to {@code page} for a browser asking for a
   * page, and htmx's own redirect header for htmx.
   */
  private AuthenticationStatus refuse(
      HttpServletRequest request, HttpServletResponse response, String detail, String page) {
    try {
      SecurityHeaders.apply(request, response); // the filters do not run for a refused request
      boolean api = request.getRequestURI().startsWith("/api/");
      boolean htmx = "true".equals(request.getHeader("HX-Request"));
      if (page != null && !api && "GET".equals(request.getMethod()) && !htmx) {
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(page);
        return AuthenticationStatus.SEND_CONTINUE;
      }
      if (page != null && htmx) {
        response.setHeader("HX-Redirect", page);
      }
      response.setHeader("WWW-Authenticate", "Bearer realm=\"lineup\"");
      ProblemMapper.send(response, new ProblemException(401, "Sign-in required", detail));
      response.flushBuffer();
      return AuthenticationStatus.SEND_FAILURE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where to come back to after signing in: the page's own URL; for htmx, which asks for fragments,
   * the page it was on ({@code HX-Current-URL}).
   */
  private static String pathAndQuery(HttpServletRequest request) {
    String current = request.getHeader("HX-Current-URL");
    if (current != null) {
      try {
        URI page = URI.create(current);
        if (page.getRawPath() != null && page.getRawPath().startsWith("/")) {
          return page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery());
        }
      } catch (IllegalArgumentException e) {
        // not a URL: fall back to the request's own
      }
    }
    String query = request.getQueryString();
    return request.getRequestURI() + (query == null ? "" : "?" + query);
  }
}
