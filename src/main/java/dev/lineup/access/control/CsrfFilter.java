package dev.lineup.access.control;

import dev.lineup.access.control.Sessions.Session;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.platform.Variable;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site defences, after {@link LineupAuthentication} has said who is calling:
 *
 * <ul>
 *   <li><b>Same-origin only</b> by default: a state-changing request (POST, PUT, PATCH, DELETE)
 *       whose {@code Origin} is another site is refused, and no CORS header is ever sent, except to
 *       the origins listed in {@code CORS_ORIGINS} (which get {@code Access-Control-Allow-Origin},
 *       never credentials: they must use API tokens).
 *   <li><b>CSRF</b>: a state-changing request signed in by the session cookie must carry the
 *       session's CSRF token, in {@code X-CSRF-Token} (the UI's scripts) or a {@code csrf_token}
 *       form field (plain forms). Requests with an API token carry no ambient credential and need
 *       none.
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CsrfFilter implements Filter {
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "csrf_token";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Inject Sessions sessions;

  /** Other sites whose scripts may call the API with a token. */
  public static final Variable<List<String>> CORS_ORIGINS = Variable.origins("CORS_ORIGINS");

  private Set<String> allowed;

  @Override
  public void init(jakarta.servlet.FilterConfig config) {
    allowed = Set.copyOf(CORS_ORIGINS.value());
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String origin = request.getHeader("Origin");
    boolean foreign = origin != null && !sameOrigin(origin, request);
    boolean listed = foreign && allowed.contains(origin.toLowerCase(Locale.ROOT));
    if (listed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.addHeader("Vary", "Origin");
    }
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if ("OPTIONS".equals(method) && request.getHeader("Access-Control-Request-Method") != null) {
      if (!listed) {
        ProblemMapper.send(response, crossOrigin(origin));
        return;
      }
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      response.setHeader(
          "Access-Control-Allow-Headers",
          "Authorization, Content-Type, Accept, X-Backup-Passphrase");
      response.setHeader("Access-Control-Max-Age", "600");
      response.setStatus(204);
      return;
    }
    if (!SAFE.contains(method)) {
      if (foreign && !listed) {
        ProblemMapper.send(response, crossOrigin(origin));
        return;
      }
      Object session = request.getAttribute(LineupAuthentication.SESSION);
      if (session instanceof Session signedIn && !sessions.csrfMatches(signedIn, csrf(request))) {
        ProblemMapper.send(
            response,
            new ProblemException(
                403,
                "Forbidden",
                "The request lacks this session's CSRF token (header "
                    + CSRF_HEADER
                    + "). Reload the page and try again."));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static String csrf(HttpServletRequest request) {
    String header = request.getHeader(CSRF_HEADER);
    if (header != null) {
      return header;
    }
    String type = request.getContentType();
    return type != null && type.startsWith("application/x-www-form-urlencoded")
        ? request.getParameter(CSRF_FIELD)
        : null;
  }

  /**
   * Whether {@code origin} is this server as the browser sees it: its host and port equal the
   * {@code Host} header (or a proxy's {@code X-Forwarded-Host}).
   */
  static boolean sameOrigin(String origin, HttpServletRequest request) {
    String host =
        Optional.ofNullable(request.getHeader("X-Forwarded-Host"))
            .map(h -> h.split(",")[0].strip())
            .or(() -> Optional.ofNullable(request.getHeader("Host")))
            .orElseGet(() -> authority(request)); // HTTP/2 has :authority, not Host
    try {
      URI uri = URI.create(origin.strip());
      String authority = uri.getRawAuthority();
      return authority != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The request's host and port as a browser writes them (no port when it is the default). */
  private static String authority(HttpServletRequest request) {
    int port = request.getServerPort();
    boolean standard =
        port <= 0
            || ("http".equals(request.getScheme()) && port == 80)
            || ("https".equals(request.getScheme()) && port == 443);
    return request.getServerName() + (standard ? "" : ":" + port);
  }

  private static ProblemException crossOrigin(String origin) {
    return new ProblemException(
        403,
        "Forbidden",
        "Cross-origin requests are refused ("
            + (origin == null ? "no origin" : "origin " + origin.replaceAll("[^\\x20-\\x7e]", "?"))
            + "). If Lineup sits behind a proxy that rewrites the Host header, have it keep the"
            + " Host or send X-Forwarded-Host; for another site's scripts list it in"
            + " CORS_ORIGINS and use an API token.");
  }
}
