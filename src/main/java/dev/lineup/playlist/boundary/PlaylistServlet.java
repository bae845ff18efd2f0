package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.Guides;
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
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs players load (TiviMate, VLC, Kodi, Plex): a playlist config's secret {@code
 * /p/{token}/playlist.m3u} and {@code /p/{token}/epg.xml} (the ones to share), and the legacy
 * {@code /playlist/{account_id}.m3u}, {@code /playlist/config/{id}.m3u}, {@code
 * /epg/{account_id}.xml}, {@code /epg/config/{id}.xml}. Each M3U names its guide in {@code
 * x-tvg-url}; each guide holds only the channels of its playlist. Errors are problem+json like the
 * API's: 404 unknown, 403 disabled, 503 not synced or no guide yet.
 */
@WebServlet(urlPatterns = {"/playlist/*", "/p/*", "/epg/*"})
public class PlaylistServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(PlaylistServlet.class.getName());
  private static final Pattern ACCOUNT = Pattern.compile("^/(\\d{1,18})\\.(m3u8?|xml)$");
  private static final Pattern CONFIG = Pattern.compile("^/config/(\\d{1,18})\\.(m3u8?|xml)$");
  private static final Pattern TOKEN =
      Pattern.compile("^/([A-Za-z0-9_-]{20,64})/(playlist\\.m3u8?|epg\\.xml)$");

  @PersistenceContext EntityManager em;
  @Inject AccountPlaylist playlist;
  @Inject ConfigPlaylist configs;
  @Inject GuideRefresh guides;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String prefix = request.getServletPath();
    try {
      Matcher token = TOKEN.matcher(path);
      Matcher config = CONFIG.matcher(path);
      Matcher account = ACCOUNT.matcher(path);
      if (prefix.equals("/p") && token.matches()) {
        PlaylistConfig found =
            em
                .createNamedQuery(PlaylistConfig.BY_TOKEN, PlaylistConfig.class)
                .setParameter("token", token.group(1))
                .getResultList()
                .stream()
                .findFirst()
                .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
        boolean guide = token.group(2).equals("epg.xml");
        serve(found, guide, base(request) + "/p/" + found.token() + "/epg.xml", response);
      } else if (!prefix.equals("/p") && config.matches() && isXml(prefix, config.group(2))) {
        PlaylistConfig found = em.find(PlaylistConfig.class, Long.parseLong(config.group(1)));
        if (found == null) {
          throw ProblemException.notFound("Playlist", config.group(1));
        }
        serve(
            found,
            prefix.equals("/epg"),
            base(request) + "/epg/config/" + found.id() + ".xml",
            response);
      } else if (!prefix.equals("/p") && account.matches() && isXml(prefix, account.group(2))) {
        Account found = em.find(Account.class, Long.parseLong(account.group(1)));
        if (found == null) {
          throw ProblemException.notFound("Account", account.group(1));
        }
        playlist.requireServable(found);
        if (prefix.equals("/epg")) {
          guide(List.of(found), playlist.channelIds(found), found.name(), response);
        } else {
          playlist.write(
              found, base(request) + "/epg/" + found.id() + ".xml", m3u(response, found.name()));
        }
      } else {
        throw new ProblemException(
            404,
            "Not found",
            "Nothing here; player URLs look like /p/{token}/playlist.m3u, /p/{token}/epg.xml,"
                + " /playlist/{account_id}.m3u or /epg/{account_id}.xml");
      }
    } catch (ProblemException problem) {
      send(response, problem);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, prefix + path + " failed", e);
      send(response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  /** /epg/... asks for .xml, /playlist/... for .m3u. */
  private static boolean isXml(String prefix, String extension) {
    return prefix.equals("/epg") == extension.equals("xml");
  }

  private void serve(
      PlaylistConfig config, boolean guide, String epgUrl, HttpServletResponse response)
      throws IOException {
    List<Account> accounts = configs.requireServable(config);
    if (guide) {
      guide(accounts, configs.channelIds(config.settings(), accounts), config.name(), response);
    } else {
      configs.write(config.settings(), accounts, epgUrl, m3u(response, config.name()));
    }
  }

  private void guide(
      List<Account> accounts, Set<String> channelIds, String name, HttpServletResponse response)
      throws IOException {
    Guides store = guides.guides();
    List<String> keys = accounts.stream().map(GuideRefresh::key).toList();
    if (keys.stream().noneMatch(store::has)) {
      throw new ProblemException(
              503,
              "No guide yet",
              "No guide has been fetched for this playlist's accounts yet; it is fetched after each"
                  + " sync, or now with POST /api/accounts/{id}/epg/refresh.")
          .with("retry_after_seconds", 60);
    }
    response.setContentType("application/xml");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "inline; filename=\"" + fileName(name) + ".xml\"");
    response.setHeader("Cache-Control", "no-cache");
    try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16)) {
      store.write(keys, channelIds, out);
    }
  }

  /** scheme://host:port of the request, for the absolute URLs players need. */
  private static String base(HttpServletRequest request) {
    String url = request.getRequestURL().toString();
    return url.substring(0, url.length() - request.getRequestURI().length());
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
