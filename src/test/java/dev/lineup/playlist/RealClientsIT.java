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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineup's playlist and guide read by the parsers IPTV players and tools use —
 * iptv-playlist-parser, {@code @iptv/playlist}, {@code @iptv/xmltv} (installed from npm into
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

  @BeforeAll
  static void setUp() throws Exception {
    clients = Node.install("clients");
    provider = FakeProvider.start();
    provider.serveCapture();
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
    JsonObject config = Accounts.playlistOf("Real clients", account);
    m3uUrl = Api.BASE_URL + config.getJsonObject("urls").getString("m3u");
    epgUrl = m3uUrl.replace("playlist.m3u", "epg.xml");
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
    long withTvgId =
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters"
                + " AND epg_channel_id <> ''",
            account);
    assertTrue(channels > 1000, "channels: " + channels);

    JsonObject parser = node("m3u_iptv-playlist-parser.mjs", m3uUrl);
    assertEquals(channels, parser.getInt("items"), parser.toString());
    assertEquals(channels, parser.getInt("with_url"), parser.toString());
    assertEquals(withTvgId, parser.getInt("with_tvg_id"), parser.toString());
    assertEquals(channels, parser.getInt("with_group"), parser.toString());
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
