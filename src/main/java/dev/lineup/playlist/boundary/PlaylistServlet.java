package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.playlist.control.AccountPlaylist;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.entity.PlaylistConfig;
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
 * The URLs players load (TiviMate, VLC, Kodi, Plex): {@code /p/{token}/playlist.m3u} (a playlist
 * config's secret URL, the one to share), and the legacy {@code /playlist/config/{id}.m3u} and
 * {@code /playlist/{account_id}.m3u}. Errors are problem+json like the API's: 404 unknown, 403
 * disabled, 503 not synced yet.
 */
@WebServlet(urlPatterns = {"/playlist/*", "/p/*"})
public class PlaylistServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(PlaylistServlet.class.getName());
  private static final Pattern ACCOUNT = Pattern.compile("^/(\\d{1,18})\\.m3u8?$");
  private static final Pattern CONFIG = Pattern.compile("^/config/(\\d{1,18})\\.m3u8?$");
  private static final Pattern TOKEN =
      Pattern.compile("^/([A-Za-z0-9_-]{20,64})/playlist\\.m3u8?$");

  @PersistenceContext EntityManager em;
  @Inject AccountPlaylist playlist;
  @Inject ConfigPlaylist configs;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    boolean byToken = "/p".equals(request.getServletPath());
    try {
      Matcher token = TOKEN.matcher(path);
      Matcher config = CONFIG.matcher(path);
      Matcher account = ACCOUNT.matcher(path);
      if (byToken && token.matches()) {
        PlaylistConfig found =
            em
                .createNamedQuery(PlaylistConfig.BY_TOKEN, PlaylistConfig.class)
                .setParameter("token", token.group(1))
                .getResultList()
                .stream()
                .findFirst()
                .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
        serve(found, response);
      } else if (!byToken && config.matches()) {
        PlaylistConfig found = em.find(PlaylistConfig.class, Long.parseLong(config.group(1)));
        if (found == null) {
          throw ProblemException.notFound("Playlist", config.group(1));
        }
        serve(found, response);
      } else if (!byToken && account.matches()) {
        Account found = em.find(Account.class, Long.parseLong(account.group(1)));
        if (found == null) {
          throw ProblemException.notFound("Account", account.group(1));
        }
        playlist.requireServable(found);
        playlist.write(found, m3u(response, found.name()));
      } else {
        throw new ProblemException(
            404,
            "Not found",
            "No playlist here; player URLs look like /p/{token}/playlist.m3u or"
                + " /playlist/{account_id}.m3u");
      }
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

  private void serve(PlaylistConfig config, HttpServletResponse response) throws IOException {
    var accounts = configs.requireServable(config);
    configs.write(config, accounts, m3u(response, config.name()));
  }

  /** Starts an M3U answer; the playlist streams into the returned writer. */
  private static Writer m3u(HttpServletResponse response, String name) throws IOException {
    response.setContentType("audio/x-mpegurl");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "inline; filename=\"" + fileName(name) + ".m3u\"");
    response.setHeader("Cache-Control", "no-cache");
    return new BufferedWriter(
        new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
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
