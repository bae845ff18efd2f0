package dev.lineup.hdhomerun.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.hdhomerun.control.Tuner;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.PublicUrl;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlayerAnswers;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.relay.control.Relay;
import dev.lineup.relay.control.RelaySources;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playlist config as an HDHomeRun network tuner, for Plex, Jellyfin, Emby and Channels DVR, at
 * {@code /hdhr/{token}/} (the secret token in the path: these clients drop query strings): {@code
 * discover.json}, {@code lineup.json} (also {@code ?show=found}), {@code lineup_status.json},
 * {@code device.xml}, {@code POST lineup.post}, and each channel's stream at {@code stream/{channel
 * id}} (a 302 to the provider's stream for now). The guide is the playlist's XMLTV URL. Everything
 * comes from the database, never from a provider while a client waits.
 */
@WebServlet(
    urlPatterns = {"/hdhr/*"},
    asyncSupported = true)
public class HdHomeRunServlet extends HttpServlet {
  private static final Pattern PATH =
      Pattern.compile(
          "^/([A-Za-z0-9_-]{20,64})/?(discover\\.json|lineup\\.json|lineup_status\\.json"
              + "|device\\.xml|lineup\\.post|stream/(\\d{1,18})(?:\\.ts)?)?$");
  private static final Pattern HD =
      Pattern.compile("(?i)(?:^|[^A-Za-z0-9])(?:HD|FHD|UHD|4K)(?:$|[^A-Za-z0-9])");
  private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

  @PersistenceContext EntityManager em;
  @Inject ConfigPlaylist configs;
  @Inject Tuner tuner;
  @Inject PublicUrl publicUrl;
  @Inject PlayerAnswers answers;
  @Inject Relay relay;
  @Inject RelaySources sources;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PlayerAnswers.inert(response);
    // The database failed (or the client hung up): a 503, as the Xtream answers give.
    PlayerAnswers.guarded(response, "An HDHomeRun request", () -> answer(request, response));
  }

  private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!path.matches()) {
      throw new ProblemException(
          404,
          "Not found",
          "HDHomeRun URLs look like /hdhr/{token}/discover.json or /hdhr/{token}/lineup.json");
    }
    PlaylistConfig config =
        PlaylistConfig.byToken(em, path.group(1))
            .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
    String base = publicUrl.base(request) + "/hdhr/" + config.token();
    String file = path.group(2) == null ? "discover.json" : path.group(2);
    if (path.group(3) != null) {
      stream(config, Long.parseLong(path.group(3)), request, response);
      return;
    }
    switch (file) {
      case "discover.json" -> discover(config, base, response);
      case "lineup.json" -> lineup(config, base, request, response);
      case "lineup_status.json" -> status(response);
      case "device.xml" -> device(config, base, response);
      default -> response.setStatus(HttpServletResponse.SC_OK); // lineup.post: nothing to scan
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }

  private void discover(PlaylistConfig config, String base, HttpServletResponse response)
      throws IOException {
    if (!config.enabled()) {
      throw new ProblemException(403, "Forbidden", "This playlist is disabled.");
    }
    int tuners = Tuner.count(configs.accounts(config.settings()));
    PlayerAnswers.json(
        response,
        json ->
            json.writeStartObject()
                .write("FriendlyName", "Lineup " + config.name())
                .write("Manufacturer", "Silicondust")
                .write("ModelNumber", "HDTC-2US")
                .write("FirmwareName", "hdhomeruntc_atsc")
                .write("FirmwareVersion", "20200101")
                .write("DeviceID", tuner.deviceId(config))
                .write("DeviceAuth", "lineup")
                .write("BaseURL", base)
                .write("LineupURL", base + "/lineup.json")
                .write("TunerCount", tuners)
                .writeEnd());
  }

  /** The channels, in the playlist's order and numbering; rendered once per change and address. */
  private void lineup(
      PlaylistConfig config, String base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Account> accounts = configs.requireServable(config);
    answers.sendJson(
        PlayerAnswers.slot("hdhr", config.id(), false, base),
        config,
        accounts,
        base,
        request,
        response,
        out -> writeLineup(config, accounts, base, out));
  }

  private void writeLineup(
      PlaylistConfig config, List<Account> accounts, String base, OutputStream out)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, StandardCharsets.UTF_8)) {
      json.writeStartArray();
      json.flush(); // the first byte goes out before the database is read
      configs.entries(
          config.settings(),
          accounts,
          null,
          e ->
              json.writeStartObject()
                  .write("GuideNumber", guideNumber(e))
                  .write("GuideName", e.title())
                  .write("URL", base + "/stream/" + e.channelId())
                  .write("HD", hd(e) ? 1 : 0)
                  .writeEnd());
      json.writeEnd();
    }
  }

  /** Whether the provider's name (or the title) marks the channel HD, FHD, UHD or 4K. */
  static boolean hd(PlaylistEntry entry) {
    return HD.matcher(entry.name() == null ? entry.title() : entry.name()).find()
        || HD.matcher(entry.title()).find();
  }

  /** The playlist's number for the channel; its Lineup id when the playlist numbers none. */
  static String guideNumber(PlaylistEntry entry) {
    return String.valueOf(entry.number() == null ? entry.channelId() : entry.number());
  }

  private static void status(HttpServletResponse response) throws IOException {
    PlayerAnswers.json(
        response,
        json ->
            json.writeStartObject()
                .write("ScanInProgress", 0)
                .write("ScanPossible", 1)
                .write("Source", "Cable")
                .writeStartArray("SourceList")
                .write("Cable")
                .writeEnd()
                .writeEnd());
  }

  /** The UPnP description some clients read first. */
  private void device(PlaylistConfig config, String base, HttpServletResponse response)
      throws IOException {
    String id = tuner.deviceId(config);
    response.setContentType("application/xml");
    response.setCharacterEncoding("UTF-8");
    Writer out = response.getWriter();
    out.write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\n"
            + "  <specVersion><major>1</major><minor>0</minor></specVersion>\n"
            + "  <URLBase>"
            + xml(base)
            + "</URLBase>\n"
            + "  <device>\n"
            + "    <deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>\n"
            + "    <friendlyName>"
            + xml("Lineup " + config.name())
            + "</friendlyName>\n"
            + "    <manufacturer>Silicondust</manufacturer>\n"
            + "    <modelName>HDTC-2US</modelName>\n"
            + "    <modelNumber>HDTC-2US</modelNumber>\n"
            + "    <serialNumber>"
            + id
            + "</serialNumber>\n"
            + "    <UDN>uuid:"
            + id.toLowerCase(java.util.Locale.ROOT)
            + "-0000-4000-8000-000000000000</UDN>\n"
            + "  </device>\n"
            + "</root>\n");
  }

  /**
   * A channel of the playlist: relayed in {@code proxy} mode, else a 302 to the provider's stream
   * (a query string is ignored).
   */
  private void stream(
      PlaylistConfig config,
      long channelId,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    List<Account> accounts = configs.requireServable(config);
    Optional<PlaylistEntry> channel = configs.channel(config.settings(), accounts, channelId);
    if (config.settings().relayed() && channel.isPresent()) {
      if ("HEAD".equals(request.getMethod())) {
        response.setContentType("video/mp2t");
        return;
      }
      relay.play(
          request, response, sources.play(config.settings(), accounts, channel.get(), null, 0));
      return;
    }
    String url =
        channel
            .map(PlaylistEntry::providerUrl)
            .filter(u -> !u.isBlank())
            .orElseThrow(
                () -> new ProblemException(404, "Not found", "No such channel in this playlist."));
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(url);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
