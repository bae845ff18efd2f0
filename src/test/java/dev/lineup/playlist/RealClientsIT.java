package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.Node;
import dev.lineup.support.Tools;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineup's playlist and guide of the real "iris" capture (8,623 channels, 95 pairs of guide ids
 * that differ only in case, a channel without a name) read by the parsers IPTV players and tools
 * use — iptv-playlist-parser, {@code @iptv/playlist}, {@code @iptv/xmltv} (installed from npm into
 * target/clients), xmllint and tv_validate_file against the XMLTV DTD — with their counts compared
 * to the database; and a channel's stream opened by ffprobe. The drivers are in src/test/clients.
 */
class RealClientsIT {
  /** The channel ids tv_validate_file accepts (XMLTV::ValidateFile). */
  private static final Pattern VALID_ID = Pattern.compile("^[-a-zA-Z0-9]+(\\.[-a-zA-Z0-9]+)+$");

  static Path clients;
  static FakeProvider provider;
  static long account;
  static String m3uUrl;
  static String epgUrl;
  static long guideChannels;

  /** The account's channels in its playlist, with the guide channel players are told. */
  static final String SHOWN =
      " FROM channels c LEFT JOIN channel_guides cg ON cg.channel_id = c.id"
          + " AND (cg.status IN ('auto', 'manual') OR cg.by_person)"
          + " WHERE c.account_id = ? AND c.is_active AND c.passes_filters";

  /** The tvg-id a channel is given: its mapping's, else the provider's. */
  static final String SHOWN_ID = "IF(cg.channel_id IS NULL, c.epg_channel_id, cg.guide_channel_id)";

  @BeforeAll
  static void setUp() throws Exception {
    clients = Node.install("clients");
    provider = FakeProvider.start("iris", "iris" + System.nanoTime() % 100000, "p@ss w0rd");
    provider.serveCapture();
    int scale = Integer.getInteger("clients.scale", 1); // 12: the 100,000-channel check of issue 14
    if (scale > 1) {
      provider.serve(resource("get_live_categories.json"), scaled(scale));
    }
    account = Accounts.create("Real clients", provider);
    Reply sync = Api.post("/api/accounts/" + account + "/sync");
    assertTrue(sync.json().getBoolean("success"), sync.toString());
    Api.post(
        "/api/accounts/" + account + "/filters",
        "{\"name\":\"No 24/7\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\","
            + "\"filter_value\":\"24/7\"}");
    // The provider's guide: every well-formed tvg-id of the lineup, plus one it does not carry.
    List<String> ids =
        Db.column(
                "SELECT DISTINCT epg_channel_id FROM channels WHERE account_id = ?"
                    + " AND epg_channel_id <> ''",
                account)
            .stream()
            .map(String::valueOf)
            .filter(id -> VALID_ID.matcher(id).matches())
            .toList();
    guideChannels =
        Db.number(
            "SELECT COUNT(DISTINCT epg_channel_id) FROM channels WHERE account_id = ?"
                + " AND is_active AND passes_filters AND epg_channel_id IN ("
                + String.join(",", ids.stream().map(id -> "?").toList())
                + ")",
            Stream.concat(Stream.of((Object) account), ids.stream()).toArray());
    assertTrue(guideChannels > 10, "the capture has tvg-ids: " + guideChannels);
    StringBuilder guide =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tv generator-info-name=\"fake\">\n");
    List<String> all = new ArrayList<>(ids);
    all.add("not.in.lineup");
    for (String id : all) {
      guide.append(
          "<channel id=\"%s\"><display-name>%s</display-name></channel>\n".formatted(id, id));
    }
    for (String id : all) {
      for (int hour = 6; hour < 8; hour++) {
        guide.append(
            ("<programme start=\"2026112%d%02d0000 +0000\" stop=\"2026112%d%02d0000 +0000\""
                    + " channel=\"%s\"><title lang=\"en\">News &amp; more at %d</title></programme>\n")
                .formatted(6, hour, 6, hour + 1, id, hour));
      }
    }
    provider.serveGuide(guide.append("</tv>\n").toString());
    Reply refresh = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(200, refresh.status(), refresh.toString());
    // Channels without the provider's id find theirs by name: the playlist shows what matching did.
    assertEquals(200, Api.post("/api/epg/match?account_id=" + account).status());
    guideChannels =
        Db.number(
            "SELECT COUNT(DISTINCT "
                + SHOWN_ID
                + ")"
                + SHOWN
                + " AND "
                + SHOWN_ID
                + " IN ("
                + String.join(",", ids.stream().map(id -> "?").toList())
                + ")",
            Stream.concat(Stream.of((Object) account), ids.stream()).toArray());
    JsonObject config = Accounts.playlistOf("Real clients", account);
    m3uUrl = Api.BASE_URL + config.getJsonObject("urls").getString("m3u");
    epgUrl = m3uUrl.replace("playlist.m3u", "epg.xml");
  }

  private static String resource(String file) throws Exception {
    try (var in = RealClientsIT.class.getResourceAsStream("/provider/xtream/iris/" + file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The capture's channels {@code times} over, each copy with stream ids of its own. */
  private static String scaled(int times) throws Exception {
    jakarta.json.JsonArray streams;
    try (var reader = Json.createReader(new StringReader(resource("get_live_streams.json")))) {
      streams = reader.readArray();
    }
    jakarta.json.JsonArrayBuilder all = Json.createArrayBuilder();
    for (int copy = 0; copy < times; copy++) {
      for (var stream : streams) {
        JsonObject channel = stream.asJsonObject();
        long id = Long.parseLong(channel.get("stream_id").toString().replace("\"", ""));
        all.add(
            Json.createObjectBuilder(channel).add("stream_id", id + copy * 10_000_000L).build());
      }
    }
    return all.build().toString();
  }

  @AfterAll
  static void tearDown() {
    provider.close();
  }

  @Test
  void iptvPlaylistParserAndIptvPlaylistReadEveryChannelOfThePlaylist() throws Exception {
    long channels =
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters",
            account);
    long withTvgId = Db.number("SELECT COUNT(*)" + SHOWN + " AND " + SHOWN_ID + " <> ''", account);
    assertTrue(channels > 1000, "channels: " + channels);
    assertTrue(
        Db.number(
                "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters"
                    + " AND TRIM(name) = ''",
                account)
            > 0,
        "the capture has a channel without a name, which must still be an entry");

    JsonObject parser = node("m3u_iptv-playlist-parser.mjs", m3uUrl);
    assertEquals(channels, parser.getInt("items"), parser.toString());
    assertEquals(channels, parser.getInt("with_url"), parser.toString());
    assertEquals(withTvgId, parser.getInt("with_tvg_id"), parser.toString());
    long withGroup =
        Db.number(
            "SELECT COUNT(*) FROM channels c JOIN categories cat ON cat.account_id = c.account_id"
                + " AND cat.category_id = c.category_id WHERE c.account_id = ? AND c.is_active"
                + " AND c.passes_filters AND TRIM(cat.name) <> ''",
            account);
    assertEquals(withGroup, parser.getInt("with_group"), parser.toString());
    assertTrue(parser.getJsonArray("header_attrs").toString().contains("x-tvg-url"));

    JsonObject playlist = node("m3u_iptv-playlist.mjs", m3uUrl, "--roundtrip");
    assertEquals(channels, playlist.getInt("channels"), playlist.toString());
    assertEquals(channels, playlist.getInt("roundtrip_channels"), playlist.toString());
    assertEquals(withTvgId, playlist.getInt("with_tvgId"), playlist.toString());
  }

  @Test
  void iptvXmltvReadsTheGuideAndItIsValidAgainstTheXmltvDtd() throws Exception {
    JsonObject xmltv = node("xmltv_iptv-xmltv.mjs", epgUrl);
    assertEquals(guideChannels, xmltv.getInt("channels"), xmltv.toString());
    assertEquals(2 * guideChannels, xmltv.getInt("programmes"), xmltv.toString());
    assertEquals(0, xmltv.getInt("programmes_without_channel_element"), xmltv.toString());
    assertEquals(0, xmltv.getInt("programmes_bad_start"), xmltv.toString());

    Tools.debian("xmllint", "libxml2-utils");
    Tools.debian("tv_validate_file", "xmltv-util");
    Tools.debian("curl", "curl");
    Tools.debian("perl", "perl");
    Tools.file(Path.of(dtd()), "the XMLTV DTD (apt-get install xmltv-util, or set XMLTV_DTD)");
    Node.Result validated = run(List.of("sh", "xmltv_validate.sh", epgUrl));
    assertEquals(0, validated.status(), validated.output());
    assertTrue(validated.output().contains("xmllint --dtdvalid rc=0"), validated.output());
    assertTrue(validated.output().contains("channels=" + guideChannels + " "), validated.output());
  }

  @Test
  void theGuideHasAChannelForEveryTvgIdOfThePlaylistEvenIdsThatDifferOnlyInCase() {
    Set<String> inPlaylist = new HashSet<>();
    Matcher tvgId =
        Pattern.compile("tvg-id=\"([^\"]*)\"")
            .matcher(Api.get(m3uUrl.substring(Api.BASE_URL.length()), "*/*").body());
    while (tvgId.find()) {
      inPlaylist.add(tvgId.group(1));
    }
    Set<String> inGuide = new HashSet<>();
    Matcher channel =
        Pattern.compile("<channel id=\"([^\"]*)\"")
            .matcher(Api.get(epgUrl.substring(Api.BASE_URL.length()), "*/*").body());
    while (channel.find()) {
      inGuide.add(channel.group(1));
    }
    Set<String> folded = new HashSet<>();
    long pairs = inPlaylist.stream().filter(id -> !folded.add(id.toLowerCase(Locale.ROOT))).count();
    assertTrue(pairs >= 90, "the capture's ids that differ only in case: " + pairs);
    Set<String> missing = new TreeSet<>(inPlaylist);
    missing.removeIf(id -> !VALID_ID.matcher(id).matches() || inGuide.contains(id));
    assertEquals(Set.of(), missing, "tvg-ids of the playlist without a <channel> in its guide");
    assertEquals(guideChannels, inGuide.size());
  }

  @Test
  void bothParsersReadTheSourcesUserAgentReferrerAndCatchUpFromLineupsPlaylist() throws Exception {
    String source =
        """
        #EXTM3U
        #EXTINF:-1 tvg-id="ua.attr" group-title="Opts" user-agent="Mozilla/5.0 (Attr)" \
        referrer="https://attr.example/",UA attribute
        http://streams.example.com/1.m3u8
        #EXTINF:-1 tvg-id="ua.vlc" group-title="Opts",UA VLC option
        #EXTVLCOPT:http-user-agent=Mozilla/5.0 (VLC)
        #EXTVLCOPT:http-referrer=https://vlc.example/
        http://streams.example.com/2.m3u8
        #EXTINF:-1 tvg-id="catchup" group-title="Opts" catchup="default" catchup-days="7" \
        catchup-source="?utc={utc}",Catch-up
        #KODIPROP:inputstream.adaptive.manifest_type=hls
        #EXTVLCOPT:sout=#std{access=file,dst=/tmp/x}
        http://streams.example.com/3.m3u8
        #EXTINF:-1 tvg-id="no.name" group-title="Opts",
        http://streams.example.com/4.m3u8
        #EXTINF:-1 tvg-id="" group-title="Opts",Plain
        http://streams.example.com/5.m3u8
        """;
    Path file = Files.createTempFile(clients, "source", ".m3u");
    Files.writeString(file, source);
    try (FakeProvider m3u = FakeProvider.start()) {
      m3u.servePlaylist(source);
      long id = Accounts.createM3u("Stream options", m3u.url() + "/get.php?type=m3u_plus");
      Reply sync = Api.post("/api/accounts/" + id + "/sync");
      assertTrue(sync.json().getBoolean("success"), sync.toString());
      String url =
          Api.BASE_URL
              + Accounts.playlistOf("Stream options", "redirect", id)
                  .getJsonObject("urls")
                  .getString("m3u");
      String body = Api.get(url.substring(Api.BASE_URL.length()), "*/*").body();
      assertTrue(!body.contains("sout="), "only known options pass:\n" + body);
      assertTrue(body.contains("#KODIPROP:inputstream.adaptive.manifest_type=hls"), body);
      assertTrue(body.contains(",Channel no.name\n"), "a title for the nameless entry:\n" + body);

      JsonObject theirs = node("m3u_stream_options.mjs", file.toAbsolutePath().toString());
      JsonObject ours = node("m3u_stream_options.mjs", url);
      long channels = Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ?", id);
      assertEquals(5, channels);
      assertEquals(channels, ours.getJsonArray("parser").size(), ours.toString());
      assertEquals(channels, ours.getJsonArray("playlist").size(), ours.toString());
      Map<String, JsonObject> fromSource = byUrl(theirs.getJsonArray("parser"));
      for (String parser : List.of("parser", "playlist")) {
        for (JsonObject entry : byUrl(ours.getJsonArray(parser)).values()) {
          JsonObject expected = fromSource.get(entry.getString("url"));
          for (String field : List.of("user_agent", "referrer", "catchup", "catchup_days")) {
            assertEquals(
                expected.get(field),
                entry.get(field),
                parser + " reads " + field + " of " + entry + "\n" + body);
          }
          assertTrue(!entry.getString("name", "").isBlank(), parser + ": " + entry);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Map<String, JsonObject> byUrl(jakarta.json.JsonArray entries) {
    Map<String, JsonObject> found = new TreeMap<>();
    entries.forEach(e -> found.put(e.asJsonObject().getString("url"), e.asJsonObject()));
    return found;
  }

  @Test
  void ffprobeOpensAChannelsStreamFromThePlaylist() throws Exception {
    Tools.debian("ffprobe", "ffmpeg");
    Tools.debian("python3", "python3");
    String stream =
        Api.get(m3uUrl.substring(Api.BASE_URL.length()), "*/*")
            .body()
            .lines()
            .filter(line -> line.startsWith("http"))
            .findFirst()
            .orElseThrow();
    Node.Result probe = run(List.of("sh", "ffprobe_url.sh", stream, "20"));
    assertEquals(0, probe.status(), probe.output());
    assertTrue(probe.output().contains("format=mpegts"), probe.output());
    assertTrue(probe.output().contains("h264"), probe.output());
  }

  private static String dtd() {
    return System.getenv().getOrDefault("XMLTV_DTD", "/usr/share/xmltv/xmltv.dtd");
  }

  /** Runs a Node driver; it prints one JSON line and exits 0. */
  private static JsonObject node(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Node.Result result = run(command);
    assertEquals(0, result.status(), result.output());
    String json =
        result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static Node.Result run(List<String> command) throws Exception {
    return Node.run(clients, command, Map.of(), 120);
  }
}
