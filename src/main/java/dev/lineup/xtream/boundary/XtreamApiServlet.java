package dev.lineup.xtream.boundary;

import dev.lineup.access.control.SignInThrottle;
import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.platform.PublicUrl;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlayerAnswers;
import dev.lineup.playlist.control.Renditions;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.relay.control.Relay;
import dev.lineup.xtream.control.ShortEpg;
import dev.lineup.xtream.control.XtreamLineup;
import dev.lineup.xtream.control.XtreamLogins;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Xtream Codes API that players sign in to (TiviMate, IPTV Smarters, iMPlayer, OTT Navigator,
 * GSE), GET or POST (form-encoded), with {@code username} and {@code password}:
 *
 * <ul>
 *   <li>{@code /player_api.php} (and {@code /panel_api.php}): without an action, or with one it
 *       does not know, the login object; {@code get_live_categories}, {@code get_live_streams},
 *       {@code get_short_epg}, {@code get_simple_data_table}; the VOD and series actions answer
 *       empty lists. Wrong credentials answer {@code {"user_info":{"auth":0}}} (HTTP 200, as panels
 *       do); a disabled or expired user gets the login object, with its status, for every action.
 *   <li>{@code /get.php}: the user's M3U, its entries at {@code /live/{user}/{pass}/{id}.ts};
 *   <li>{@code /xmltv.php}: the user's guide (the playlist's own).
 * </ul>
 *
 * Every answer comes from the database and the stored guides, never from a provider.
 */
@WebServlet(urlPatterns = {"/player_api.php", "/panel_api.php", "/get.php", "/xmltv.php"})
public class XtreamApiServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(XtreamApiServlet.class.getName());
  private static final DateTimeFormatter TIME_NOW =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Set<String> EMPTY_LISTS =
      Set.of("get_vod_categories", "get_vod_streams", "get_series_categories", "get_series");
  private static final Set<String> EMPTY_OBJECTS = Set.of("get_vod_info", "get_series_info");

  @PersistenceContext EntityManager em;
  @Inject XtreamLogins logins;
  @Inject XtreamLineup lineup;
  @Inject ShortEpg shortEpg;
  @Inject ConfigPlaylist configs;
  @Inject PlayerAnswers answers;
  @Inject PublicUrl publicUrl;
  @Inject Relay relay;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PlayerAnswers.inert(response);
    String path = request.getServletPath();
    try {
      Optional<XtreamUser> user;
      try {
        user =
            logins.signIn(
                request.getParameter("username"),
                request.getParameter("password"),
                request.getRemoteAddr());
      } catch (SignInThrottle.Refused refused) {
        // As for wrong credentials (panels answer those with 200), with the wait it asks for.
        response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
        if (path.equals("/get.php") || path.equals("/xmltv.php")) {
          ProblemMapper.send(response, refused);
        } else {
          notSignedIn(response);
        }
        return;
      }
      switch (path) {
        case "/get.php" -> playlist(user, request, response);
        case "/xmltv.php" -> guide(user, request, response);
        default -> api(user, request, response);
      }
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    } catch (IOException e) {
      // The database or a stored guide failed (or the player hung up): nothing a player can fix.
      LOG.log(Level.WARNING, path + " could not be answered: " + e.getMessage(), e);
      ProblemMapper.send(response, PlayerAnswers.unavailable());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, path + " failed", e);
      ProblemMapper.send(
          response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }

  private void api(
      Optional<XtreamUser> found, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (found.isEmpty()) {
      notSignedIn(response);
      return;
    }
    XtreamUser user = found.get();
    String action = request.getParameter("action");
    Instant now = Instant.now();
    if (action == null || !user.active(now)) {
      login(user, request, response, now);
      return;
    }
    if (EMPTY_LISTS.contains(action)) {
      PlayerAnswers.json(response, json -> json.writeStartArray().writeEnd());
      return;
    }
    if (EMPTY_OBJECTS.contains(action)) {
      PlayerAnswers.json(response, json -> json.writeStartObject().writeEnd());
      return;
    }
    switch (action) {
      case "get_live_categories" -> categories(user, request, response);
      case "get_live_streams" -> streams(user, request, response);
      case "get_short_epg", "get_simple_data_table" -> epg(user, action, request, response);
      default -> login(user, request, response, now);
    }
  }

  /** The login object: who signed in, and where the server is (behind a proxy too). */
  private void login(
      XtreamUser user, HttpServletRequest request, HttpServletResponse response, Instant now)
      throws IOException {
    PublicUrl.Address address = publicUrl.address(request);
    String port = String.valueOf(address.port());
    object(
        response,
        json -> {
          json.writeStartObject("user_info")
              .write("username", user.username())
              .write("password", request.getParameter("password"))
              .write("message", "")
              .write("auth", 1)
              .write("status", user.status(now));
          if (user.expiresAt() == null) {
            json.writeNull("exp_date");
          } else {
            json.write("exp_date", String.valueOf(user.expiresAt().getEpochSecond()));
          }
          json.write("is_trial", "0")
              .write("active_cons", String.valueOf(relay.watching(user.id())))
              .write("created_at", String.valueOf(user.createdAt().toEpochSecond(ZoneOffset.UTC)))
              .write("max_connections", String.valueOf(user.maxConnections()))
              .writeStartArray("allowed_output_formats")
              .write("m3u8")
              .write("ts")
              .writeEnd()
              .writeEnd();
          json.writeStartObject("server_info")
              .write("url", address.host())
              .write("port", port)
              .write("https_port", port)
              .write("server_protocol", address.scheme())
              .write("rtmp_port", "0")
              .write("timezone", "UTC")
              .write("timestamp_now", now.getEpochSecond())
              .write("time_now", TIME_NOW.format(now))
              .write("process", true)
              .writeEnd();
        });
  }

  private void categories(XtreamUser user, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Playlist playlist = playlist(user);
    if (playlist.accounts().isEmpty()) {
      PlayerAnswers.json(response, json -> json.writeStartArray().writeEnd());
      return;
    }
    cached(
        "xtream-categories-" + playlist.config().id(),
        playlist,
        request,
        response,
        out -> lineup.categories(playlist.config(), playlist.accounts(), out));
  }

  private void streams(XtreamUser user, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Playlist playlist = playlist(user);
    String category = request.getParameter("category_id");
    if (playlist.accounts().isEmpty() || (category != null && !category.matches("\\d{1,10}"))) {
      PlayerAnswers.json(response, json -> json.writeStartArray().writeEnd());
      return;
    }
    if (category != null) { // a part of the list: streamed, not kept
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      lineup.streams(
          playlist.config(), playlist.accounts(), category, PlayerAnswers.sending(response));
      return;
    }
    cached(
        "xtream-streams-" + playlist.config().id(),
        playlist,
        request,
        response,
        out -> lineup.streams(playlist.config(), playlist.accounts(), null, out));
  }

  private void epg(
      XtreamUser user, String action, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Playlist playlist = playlist(user);
    String streamId = request.getParameter("stream_id");
    int limit = ShortEpg.limit(request.getParameter("limit"), action);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (playlist.accounts().isEmpty() || streamId == null || !streamId.matches("\\d{1,18}")) {
      shortEpg.none(response.getOutputStream());
      return;
    }
    shortEpg.write(
        playlist.config(),
        playlist.accounts(),
        Long.parseLong(streamId),
        limit,
        action.equals("get_simple_data_table"),
        response.getOutputStream());
  }

  /** The user's M3U: a wrong login is a 404, as panels answer. */
  private void playlist(
      Optional<XtreamUser> found, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    XtreamUser user = XtreamLogins.requireActive(found);
    Playlist playlist = playlist(user);
    if (playlist.accounts().isEmpty()) {
      throw new ProblemException(
              503, "Not synced yet", "The playlist's accounts have no synced channels yet.")
          .with("retry_after_seconds", 60);
    }
    String base = publicUrl.base(request);
    String username = request.getParameter("username");
    String password = request.getParameter("password");
    String extension =
        "m3u8".equals(request.getParameter("output"))
                || "hls".equals(request.getParameter("output"))
            ? "m3u8"
            : "ts";
    String credentials = "username=" + username + "&password=" + password;
    String live = base + "/live/" + username + "/" + password + "/";
    response.setContentType("audio/x-mpegurl");
    response.setCharacterEncoding("UTF-8");
    response.setHeader(
        "Content-Disposition",
        "inline; filename=\"" + PlayerAnswers.fileName(playlist.config().name()) + ".m3u\"");
    boolean gzip = PlayerAnswers.acceptsGzip(request.getHeader("Accept-Encoding"));
    response.setHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.setHeader("Content-Encoding", "gzip");
    }
    OutputStream raw = PlayerAnswers.sending(response);
    try (OutputStream body = gzip ? Renditions.fastGzip(raw) : raw;
        Writer writer =
            new java.io.BufferedWriter(
                new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16)) {
      configs.write(
          playlist.config().settings(),
          playlist.accounts(),
          base + "/xmltv.php?" + credentials,
          writer,
          e -> live + e.channelId() + "." + extension,
          // Catch-up through Lineup's /timeshift, never the provider's archive URLs.
          e ->
              e.archiveDays() > 0
                  ? e.options().withoutCatchup().withArchive(e.archiveDays())
                  : e.options().withoutCatchup());
    }
  }

  /** The user's guide: the playlist's, shared with its /p/{token}/epg.xml. */
  private void guide(
      Optional<XtreamUser> found, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    XtreamUser user = XtreamLogins.requireActive(found);
    PlaylistConfig config = PlaylistConfig.require(em, user.playlistId());
    answers.serve(answers.guide(config), request, response);
  }

  /** A user's playlist config and its servable accounts (none when it cannot be served now). */
  private record Playlist(PlaylistConfig config, List<Account> accounts) {}

  private Playlist playlist(XtreamUser user) {
    PlaylistConfig config = PlaylistConfig.require(em, user.playlistId());
    try {
      return new Playlist(config, configs.requireServable(config));
    } catch (ProblemException notNow) { // disabled, or not synced: no channels to list
      LOG.fine(() -> "Xtream user " + user.id() + ": " + notNow.detail());
      return new Playlist(config, List.of());
    }
  }

  /** A JSON answer the same for every user of a playlist: rendered once per change. */
  private void cached(
      String slot,
      Playlist playlist,
      HttpServletRequest request,
      HttpServletResponse response,
      Renditions.Renderer renderer)
      throws IOException {
    answers.sendJson(slot, playlist.config(), playlist.accounts(), "", request, response, renderer);
  }

  /** What panels answer to wrong credentials (HTTP 200): {@code {"user_info":{"auth":0}}}. */
  private static void notSignedIn(HttpServletResponse response) throws IOException {
    object(response, json -> json.writeStartObject("user_info").write("auth", 0).writeEnd());
  }

  /** A small JSON object: {@code body} writes its members. */
  private static void object(HttpServletResponse response, Consumer<JsonGenerator> body)
      throws IOException {
    PlayerAnswers.json(
        response,
        json -> {
          json.writeStartObject();
          body.accept(json);
          json.writeEnd();
        });
  }
}
