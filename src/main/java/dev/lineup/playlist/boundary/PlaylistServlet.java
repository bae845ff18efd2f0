package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.platform.PublicUrl;
import dev.lineup.platform.Settings;
import dev.lineup.playlist.control.AccountPlaylist;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlayerAnswers;
import dev.lineup.playlist.entity.PlaylistConfig;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs players load (TiviMate, VLC, Kodi, Plex): a playlist config's secret {@code
 * /p/{token}/playlist.m3u} and {@code /p/{token}/epg.xml} (the ones to share), and the legacy
 * {@code /playlist/{account_id}.m3u}, {@code /playlist/config/{id}.m3u}, {@code
 * /epg/{account_id}.xml}, {@code /epg/config/{id}.xml} (off unless the {@code legacy_player_urls}
 * setting is on: ids are easy to guess). Each M3U names its guide in {@code x-tvg-url}; each guide
 * holds only the channels of its playlist. Answers carry {@code ETag} and {@code Last-Modified}
 * (304 when unchanged), are rendered once per change ({@link PlayerAnswers}) and are gzip when the
 * client accepts it. Errors are problem+json like the API's: 404 unknown, 403 disabled, 503 not
 * synced or no guide yet.
 */
@WebServlet(urlPatterns = {"/playlist/*", "/p/*", "/epg/*"})
public class PlaylistServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(PlaylistServlet.class.getName());
  private static final Pattern ACCOUNT = Pattern.compile("^/(\\d{1,18})\\.(m3u8?|xml)$");
  private static final Pattern CONFIG = Pattern.compile("^/config/(\\d{1,18})\\.(m3u8?|xml)$");
  private static final Pattern TOKEN =
      Pattern.compile("^/([A-Za-z0-9_-]{20,64})/(playlist\\.m3u8?|epg\\.xml)$");

  @PersistenceContext EntityManager em;
  @Inject ConfigPlaylist configs;
  @Inject PlayerAnswers answers;
  @Inject Settings settings;
  @Inject PublicUrl publicUrl;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String prefix = request.getServletPath();
    PlayerAnswers.inert(response);
    try {
      answers.serve(target(prefix, path, publicUrl.base(request)), request, response);
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, loggable(prefix, path) + " failed", e);
      ProblemMapper.send(
          response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  /** The path for the log: a secret token is the key to a playlist, so it is left out. */
  static String loggable(String prefix, String path) {
    return prefix + (prefix.equals("/p") ? path.replaceFirst("^/[^/]*", "/{token}") : path);
  }

  private PlayerAnswers.Target target(String prefix, String path, String base) {
    Matcher token = TOKEN.matcher(path);
    Matcher config = CONFIG.matcher(path);
    Matcher account = ACCOUNT.matcher(path);
    if (prefix.equals("/p") && token.matches()) {
      PlaylistConfig found =
          PlaylistConfig.byToken(em, token.group(1))
              .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
      boolean guide = token.group(2).equals("epg.xml");
      return new PlayerAnswers.Target(
          PlayerAnswers.slot("config", found.id(), guide, base),
          found.name(),
          found.settings(),
          configs.requireServable(found),
          base + "/p/" + found.token() + "/epg.xml",
          guide,
          streams(found, base));
    } else if (!prefix.equals("/p")
        && (config.matches() || account.matches())
        && !settings.legacyPlayerUrls()) {
      throw new ProblemException(
          404,
          "Not found",
          "The id-based player URLs are off. Use the playlist's secret URL (/p/{token}/playlist.m3u),"
              + " or turn them on with PATCH /api/settings {\"legacy_player_urls\": true}.");
    } else if (!prefix.equals("/p") && config.matches() && isXml(prefix, config.group(2))) {
      PlaylistConfig found = PlaylistConfig.require(em, Long.parseLong(config.group(1)));
      return new PlayerAnswers.Target(
          PlayerAnswers.slot("config-by-id", found.id(), prefix.equals("/epg"), base),
          found.name(),
          found.settings(),
          configs.requireServable(found),
          base + "/epg/config/" + found.id() + ".xml",
          prefix.equals("/epg"),
          streams(found, base));
    } else if (!prefix.equals("/p") && account.matches() && isXml(prefix, account.group(2))) {
      Account found = Account.require(em, Long.parseLong(account.group(1)));
      configs.requireServable(found);
      return new PlayerAnswers.Target(
          PlayerAnswers.slot("account", found.id(), prefix.equals("/epg"), base),
          found.name(),
          AccountPlaylist.settings(found),
          List.of(found),
          base + "/epg/" + found.id() + ".xml",
          prefix.equals("/epg"),
          null);
    }
    throw new ProblemException(
        404,
        "Not found",
        "Nothing here; player URLs look like /p/{token}/playlist.m3u, /p/{token}/epg.xml,"
            + " /playlist/{account_id}.m3u or /epg/{account_id}.xml");
  }

  /** Where a proxy-mode playlist's relayed streams are ({@code /s/{token}/}); null: redirect. */
  private static String streams(PlaylistConfig config, String base) {
    return config.settings().relayed() ? base + "/s/" + config.token() + "/" : null;
  }

  /** /epg/... asks for .xml, /playlist/... for .m3u. */
  private static boolean isXml(String prefix, String extension) {
    return prefix.equals("/epg") == extension.equals("xml");
  }
}
