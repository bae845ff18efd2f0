package dev.lineup.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The browser-side protections of every page, fragment, static file and API answer: a
 * Content-Security-Policy that runs scripts and styles from this server only (no inline code, so
 * injected markup cannot run) and lets no other site frame Lineup; {@code nosniff}; and no {@code
 * Referer} to other sites, so the channel logos that pages load from providers' servers do not
 * learn the page's address. That policy is {@code same-origin}, not {@code no-referrer}: under
 * {@code no-referrer} browsers send {@code Origin: null} with plain form posts (sign-in, setup,
 * sign out), which the same-origin check ({@code CsrfFilter}) rightly refuses. Player URLs ({@code
 * /p/}, {@code /playlist/}, {@code /epg/}) are left alone: their servlet sets its own, stricter
 * headers. Set before the request is handled, so a servlet may still replace one.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders implements Filter {
  /**
   * Logos come from any provider's server (http or https); everything else from this server. SSE
   * and fetch go to this server only; forms post here only.
   */
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data:; connect-src"
          + " 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    apply((HttpServletRequest) req, (HttpServletResponse) res);
    chain.doFilter(req, res);
  }

  /** Adds the headers, unless the request is for a player URL. */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    if (playerUrl(request.getRequestURI())) {
      return;
    }
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY"); // frame-ancestors for older browsers
  }

  static boolean playerUrl(String path) {
    return path != null
        && (path.startsWith("/p/") || path.startsWith("/playlist/") || path.startsWith("/epg/"));
  }
}
