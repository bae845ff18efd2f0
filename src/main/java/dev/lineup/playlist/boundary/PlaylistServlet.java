package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.playlist.control.AccountPlaylist;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /playlist/{account_id}.m3u}: the URL players load (TiviMate, VLC, Kodi, Plex). Errors
 * are problem+json like the API's: 404 unknown account, 403 disabled, 503 not synced yet.
 */
@WebServlet("/playlist/*")
public class PlaylistServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(PlaylistServlet.class.getName());
  private static final Pattern ACCOUNT = Pattern.compile("^/(\\d{1,18})\\.m3u8?$");

  @PersistenceContext EntityManager em;
  @Inject AccountPlaylist playlist;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    Matcher account = ACCOUNT.matcher(path);
    try {
      if (!account.matches()) {
        throw new ProblemException(
            404, "Not found", "No playlist here; player URLs look like /playlist/{account_id}.m3u");
      }
      Account found = em.find(Account.class, Long.parseLong(account.group(1)));
      if (found == null) {
        throw ProblemException.notFound("Account", account.group(1));
      }
      playlist.requireServable(found);
      response.setContentType("audio/x-mpegurl");
      response.setCharacterEncoding("UTF-8");
      response.setHeader(
          "Content-Disposition", "inline; filename=\"" + fileName(found.name()) + ".m3u\"");
      response.setHeader("Cache-Control", "no-cache");
      Writer out =
          new BufferedWriter(
              new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
      playlist.write(found, out);
    } catch (ProblemException problem) {
      send(response, problem);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Playlist " + path + " failed", e);
      if (!response.isCommitted()) {
        send(
            response,
            new ProblemException(
                500, "Internal error", "The playlist failed; see the server log."));
      }
    }
  }

  private static void send(HttpServletResponse response, ProblemException problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.status());
    response.setContentType(ProblemMapper.PROBLEM_JSON);
    response.setCharacterEncoding("UTF-8");
    if (problem.status() == 503) {
      response.setHeader("Retry-After", "60");
    }
    response.getWriter().write(ProblemMapper.render(problem).getEntity().toString());
  }

  /** A file name any client accepts: ASCII letters, digits, '-', '_' and '.'. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "playlist" : safe;
  }
}
