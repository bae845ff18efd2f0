package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.platform.PublicUrl;
import dev.lineup.platform.Settings;
import dev.lineup.playlist.control.AccountPlaylist;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.Freshness;
import dev.lineup.playlist.control.Renditions;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * (304 when unchanged), are rendered once per change ({@link Renditions}) and are gzip when the
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
  @Inject GuideRefresh guides;
  @Inject Freshness freshness;
  @Inject Renditions renditions;
  @Inject Settings settings;
  @Inject PublicUrl publicUrl;

  /** What a request asks for. */
  private record Target(
      String slot,
      String name,
      PlaylistSettings settings,
      List<Account> accounts,
      String epgUrl,
      boolean guide) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String prefix = request.getServletPath();
    inert(response);
    try {
      serve(target(prefix, path, publicUrl.base(request)), request, response);
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, loggable(prefix, path) + " failed", e);
      ProblemMapper.send(
          response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  /**
   * Player answers are data, never a page: a browser that opens one (the admin, from the Playlists
   * page) runs nothing in it and sends nothing from it, whatever a provider put in a guide or a
   * channel name; no shared cache keeps it, since its URL is a secret.
   */
  static void inert(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "private, no-cache");
  }

  /** The path for the log: a secret token is the key to a playlist, so it is left out. */
  static String loggable(String prefix, String path) {
    return prefix + (prefix.equals("/p") ? path.replaceFirst("^/[^/]*", "/{token}") : path);
  }

  private Target target(String prefix, String path, String base) {
    Matcher token = TOKEN.matcher(path);
    Matcher config = CONFIG.matcher(path);
    Matcher account = ACCOUNT.matcher(path);
    if (prefix.equals("/p") && token.matches()) {
      PlaylistConfig found =
          PlaylistConfig.byToken(em, token.group(1))
              .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
      boolean guide = token.group(2).equals("epg.xml");
      return new Target(
          slot("config", found.id(), guide, base),
          found.name(),
          found.settings(),
          configs.requireServable(found),
          base + "/p/" + found.token() + "/epg.xml",
          guide);
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
      return new Target(
          slot("config-by-id", found.id(), prefix.equals("/epg"), base),
          found.name(),
          found.settings(),
          configs.requireServable(found),
          base + "/epg/config/" + found.id() + ".xml",
          prefix.equals("/epg"));
    } else if (!prefix.equals("/p") && account.matches() && isXml(prefix, account.group(2))) {
      Account found = Account.require(em, Long.parseLong(account.group(1)));
      configs.requireServable(found);
      return new Target(
          slot("account", found.id(), prefix.equals("/epg"), base),
          found.name(),
          AccountPlaylist.settings(found),
          List.of(found),
          base + "/epg/" + found.id() + ".xml",
          prefix.equals("/epg"));
    }
    throw new ProblemException(
        404,
        "Not found",
        "Nothing here; player URLs look like /p/{token}/playlist.m3u, /p/{token}/epg.xml,"
            + " /playlist/{account_id}.m3u or /epg/{account_id}.xml");
  }

  /**
   * What an answer is, for {@link Renditions}: one file per playlist and kind, and for an M3U per
   * address too (its {@code x-tvg-url} names it; a guide's body is the same for every address).
   */
  private static String slot(String kind, long id, boolean guide, String base) {
    return kind + "-" + id + (guide ? "-epg" : "-m3u-" + base);
  }

  /** /epg/... asks for .xml, /playlist/... for .m3u. */
  private static boolean isXml(String prefix, String extension) {
    return prefix.equals("/epg") == extension.equals("xml");
  }

  private void serve(Target target, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Freshness.Validator validator =
        freshness.validator(
            target.guide() ? "guide" : "m3u",
            target.settings().toString(),
            target.guide() ? "" : target.epgUrl()); // only the M3U names the address
    target.accounts().forEach(a -> freshness.withAccount(validator, a));
    XmltvStore store = guides.guides();
    List<String> keys = target.accounts().stream().map(GuideRefresh::key).toList();
    if (target.guide()) {
      if (keys.stream().noneMatch(store::has)) {
        throw new ProblemException(
                503,
                "No guide yet",
                "No guide has been fetched for this playlist's accounts yet; it is fetched after"
                    + " each sync, or now with POST /api/accounts/{id}/epg/refresh.")
            .with("retry_after_seconds", 60);
      }
      for (String key : keys) {
        Instant stored = store.storedAt(key);
        validator.add(key + "@" + stored).modified(stored);
      }
    }
    String etag = validator.etag();
    response.setHeader("ETag", etag);
    response.setHeader("Last-Modified", validator.lastModified());
    // Cache-Control (private, no-cache: players may keep it, but must ask again) is set by inert
    response.setHeader("Vary", "Accept-Encoding");
    if (validator.notModified(
        request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    String file = fileName(target.name()) + (target.guide() ? ".xml" : ".m3u");
    response.setContentType(target.guide() ? "application/xml" : "audio/x-mpegurl");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "inline; filename=\"" + file + "\"");
    renditions.send(
        target.slot(),
        etag,
        acceptsGzip(request.getHeader("Accept-Encoding")),
        (gzip, length) -> {
          if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
          }
          if (length >= 0) {
            response.setContentLengthLong(length);
          }
          return response.getOutputStream();
        },
        out -> {
          if (target.guide()) {
            store.write(keys, configs.channelIds(target.settings(), target.accounts()), out);
          } else {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            configs.write(target.settings(), target.accounts(), target.epgUrl(), writer);
            writer.flush();
          }
        });
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      String coding = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        for (int i = 1; i < pieces.length; i++) {
          String q = pieces[i].trim().replace(" ", "");
          if (q.matches("q=0(\\.0{0,3})?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** A file name any client accepts: ASCII letters, digits, '-', '_' and '.'. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "playlist" : safe;
  }
}
