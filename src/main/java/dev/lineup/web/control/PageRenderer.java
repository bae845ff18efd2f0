package dev.lineup.web.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders the web UI's JSP views: the whole page, or only a fragment when htmx asks ({@code
 * HX-Request}) — one URL serves both. Problems become the same message the API gives, in the page's
 * error slot.
 */
public final class PageRenderer {
  private static final Logger LOG = Logger.getLogger(PageRenderer.class.getName());

  /** The htmx script served from its webjar (the version is the pom's htmx.version). */
  public static final String HTMX = "/webjars/htmx.org/2.0.8/dist/htmx.min.js";

  private PageRenderer() {}

  /** True when htmx asks for a fragment rather than the page. */
  public static boolean fragment(HttpServletRequest request) {
    return "true".equals(request.getHeader("HX-Request"))
        && !"true".equals(request.getHeader("HX-History-Restore-Request"));
  }

  /**
   * Forwards to {@code /WEB-INF/views/{view}.jsp}; the page views include their fragments, so a
   * fragment request names the fragment's view.
   */
  public static void render(
      HttpServletRequest request, HttpServletResponse response, String view, String active)
      throws IOException {
    request.setAttribute("active", active);
    request.setAttribute("htmx", HTMX);
    request.setAttribute("choices", FormChoices.ALL);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Vary", "HX-Request");
    try {
      request.getRequestDispatcher("/WEB-INF/views/" + view + ".jsp").forward(request, response);
    } catch (ServletException e) {
      LOG.log(Level.SEVERE, "View " + view + " failed", e);
      if (!response.isCommitted()) {
        ProblemMapper.send(
            response, new ProblemException(500, "Internal error", "See the server log."));
      }
    }
  }

  /** "just now", "5 min ago", "2 h ago", "3 days ago". */
  public static String ago(LocalDateTime utc) {
    if (utc == null) {
      return null;
    }
    Duration age = Duration.between(utc, LocalDateTime.now(ZoneOffset.UTC));
    if (age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + " min ago";
    }
    if (age.toDays() < 2) {
      return age.toHours() + " h ago";
    }
    return age.toDays() + " days ago";
  }

  /** The request's path below its servlet ("" for the servlet's own URL). */
  public static String path(HttpServletRequest request) {
    return request.getPathInfo() == null ? "" : request.getPathInfo();
  }

  /** A request parameter, or null when absent or blank. */
  public static String param(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** 303 See Other: after a form's POST, the browser GETs {@code location}. */
  public static void seeOther(HttpServletResponse response, String location) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", location);
    response.setHeader("Cache-Control", "no-store");
  }
}
