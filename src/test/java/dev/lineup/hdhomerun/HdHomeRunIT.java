package dev.lineup.hdhomerun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.Node;
import dev.lineup.support.Tools;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * A playlist as an HDHomeRun tuner, read the way Jellyfin's HdHomerunHost reads one: discover.json
 * (TunerCount an integer, DeviceID 8 hex digits), lineup.json (GuideNumber a string, URLs without a
 * query string, HD an integer), device.xml, and a channel played through its URL.
 */
class HdHomeRunIT {
  FakeProvider provider;
  long account;
  JsonObject playlist;
  String hdhr;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"All\"}]",
        "[{\"num\":7,\"stream_id\":41,\"name\":\"UK: BBC One FHD\",\"category_id\":\"1\"},"
            + "{\"num\":9,\"stream_id\":42,\"name\":\"UK: Dave\",\"category_id\":\"1\"},"
            + "{\"num\":12,\"stream_id\":43,\"name\":\"\",\"category_id\":\"1\"}]");
    account = Accounts.create("Tuner", provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    playlist = Accounts.playlistOf("Tuner", "redirect", account);
    hdhr = Api.BASE_URL + playlist.getJsonObject("urls").getString("hdhr");
  }

  @AfterEach
  void tearDown() {
    Api.delete("/api/playlist-configs/" + playlist.getJsonNumber("id"));
    Api.delete("/api/accounts/" + account);
    provider.close();
  }

  static HttpResponse<String> anonymous(String url) {
    return Api.anonymous(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static JsonValue json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readValue();
    }
  }

  @Test
  void discoverJsonHasTheFieldsAndTypesClientsParse() {
    assertTrue(playlist.getJsonObject("urls").getString("hdhr").startsWith("/hdhr/"), hdhr);
    assertFalse(hdhr.contains("?"), hdhr);
    HttpResponse<String> reply = anonymous(hdhr + "/discover.json");
    assertEquals(200, reply.statusCode(), reply.body());
    JsonObject discover = json(reply.body()).asJsonObject();
    for (String field :
        List.of(
            "FriendlyName",
            "Manufacturer",
            "ModelNumber",
            "FirmwareName",
            "FirmwareVersion",
            "DeviceID",
            "DeviceAuth",
            "BaseURL",
            "LineupURL")) {
      assertTrue(discover.get(field) instanceof JsonString, field + " in " + discover);
    }
    assertTrue(
        discover.get("TunerCount") instanceof JsonNumber n && n.isIntegral(), discover.toString());
    assertEquals(
        3,
        discover.getInt("TunerCount"),
        "the sync read the provider's limit (the capture's max_connections): three tuners");
    assertEquals("Silicondust", discover.getString("Manufacturer"));
    assertTrue(discover.getString("DeviceID").matches("[0-9A-F]{8}"), discover.toString());
    assertEquals(hdhr, discover.getString("BaseURL"));
    assertEquals(hdhr + "/lineup.json", discover.getString("LineupURL"));
    assertEquals(reply.body(), anonymous(hdhr + "/").body(), "the base answers like discover.json");
  }

  @Test
  void aProviderThatSaysNoLimitGivesOneTuner() {
    try (FakeProvider quiet = FakeProvider.start()) {
      quiet.userInfo("\"status\":\"Active\",\"exp_date\":null");
      long other = Accounts.create("Tuner quiet", quiet);
      assertTrue(Api.post("/api/accounts/" + other + "/sync").json().getBoolean("success"));
      String url =
          Api.BASE_URL
              + Accounts.playlistOf("Tuner quiet", "redirect", other)
                  .getJsonObject("urls")
                  .getString("hdhr");
      JsonObject discover = json(anonymous(url + "/discover.json").body()).asJsonObject();
      assertEquals(1, discover.getInt("TunerCount"), "the account's limit is unknown: one tuner");
    }
  }

  @Test
  void theDeviceIdStaysThroughATokenRotationAndDiffersPerPlaylist() {
    String id =
        json(anonymous(hdhr + "/discover.json").body()).asJsonObject().getString("DeviceID");
    JsonObject rotated =
        Api.post("/api/playlist-configs/" + playlist.getJsonNumber("id") + "/rotate-token").json();
    String newHdhr = Api.BASE_URL + rotated.getJsonObject("urls").getString("hdhr");
    assertNotEquals(hdhr, newHdhr);
    assertEquals(404, anonymous(hdhr + "/discover.json").statusCode(), "the old token is gone");
    assertEquals(
        id,
        json(anonymous(newHdhr + "/discover.json").body()).asJsonObject().getString("DeviceID"));
    JsonObject other = Accounts.playlistOf("Tuner two", account);
    try {
      String otherId =
          json(anonymous(
                      Api.BASE_URL
                          + other.getJsonObject("urls").getString("hdhr")
                          + "/discover.json")
                  .body())
              .asJsonObject()
              .getString("DeviceID");
      assertNotEquals(id, otherId);
    } finally {
      Api.delete("/api/playlist-configs/" + other.getJsonNumber("id"));
    }
  }

  @Test
  void lineupJsonListsThePlaylistWithStableNumbersAndPlainUrls() throws Exception {
    HttpResponse<String> reply = anonymous(hdhr + "/lineup.json");
    assertEquals(200, reply.statusCode(), reply.body());
    JsonArray lineup = json(reply.body()).asJsonArray();
    assertEquals(3, lineup.size(), lineup.toString());
    for (JsonValue value : lineup) {
      JsonObject channel = value.asJsonObject();
      assertTrue(channel.get("GuideNumber") instanceof JsonString, channel.toString());
      assertTrue(channel.get("GuideName") instanceof JsonString, channel.toString());
      assertTrue(channel.get("HD") instanceof JsonNumber, channel.toString());
      String url = channel.getString("URL");
      assertTrue(url.startsWith(hdhr + "/stream/") && !url.contains("?"), url);
    }
    JsonObject bbc =
        lineup.stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("GuideName").contains("BBC One"))
            .findFirst()
            .orElseThrow();
    assertEquals("7", bbc.getString("GuideNumber"), "the playlist's number: the provider's");
    assertEquals(1, bbc.getInt("HD"));
    assertTrue(
        lineup.stream().anyMatch(c -> c.asJsonObject().getString("GuideName").equals("Channel 12")),
        "a channel without a name still has one");
    assertEquals(reply.body(), anonymous(hdhr + "/lineup.json?show=found").body());

    // Jellyfin appends ?transcode=…; the stream still plays (a 302 to the provider's).
    HttpResponse<String> stream = anonymous(bbc.getString("URL") + "?transcode=mobile");
    assertEquals(302, stream.statusCode(), stream.body());
    assertTrue(
        stream
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .startsWith(provider.url() + "/live/"));
    Tools.debian("ffprobe", "ffmpeg");
    Path clients = Node.install("clients");
    Node.Result probe =
        Node.run(
            clients, List.of("sh", "ffprobe_url.sh", bbc.getString("URL"), "20"), Map.of(), 60);
    assertEquals(0, probe.status(), probe.output());
    assertTrue(probe.output().contains("format=mpegts"), probe.output());
  }

  @Test
  void statusDeviceXmlAndLineupPostAnswerAsADeviceDoes() throws Exception {
    JsonObject status = json(anonymous(hdhr + "/lineup_status.json").body()).asJsonObject();
    assertEquals(0, status.getInt("ScanInProgress"));
    assertEquals(1, status.getInt("ScanPossible"));
    assertEquals("Cable", status.getString("Source"));
    assertEquals("Cable", status.getJsonArray("SourceList").getString(0));

    HttpResponse<String> xml = anonymous(hdhr + "/device.xml");
    assertEquals(200, xml.statusCode());
    Document device =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)));
    assertEquals(hdhr, device.getElementsByTagName("URLBase").item(0).getTextContent());
    assertEquals(
        "urn:schemas-upnp-org:device:MediaServer:1",
        device.getElementsByTagName("deviceType").item(0).getTextContent());
    assertTrue(device.getElementsByTagName("UDN").item(0).getTextContent().startsWith("uuid:"));

    HttpResponse<String> post =
        Api.anonymous(
            HttpRequest.newBuilder(URI.create(hdhr + "/lineup.post?scan=start"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, post.statusCode());
  }

  @Test
  void unknownTokensAndPathsAreNotFound() {
    assertEquals(
        404, anonymous(Api.BASE_URL + "/hdhr/" + "x".repeat(32) + "/discover.json").statusCode());
    assertEquals(404, anonymous(hdhr + "/nothing.json").statusCode());
    assertEquals(404, anonymous(hdhr + "/stream/999999999").statusCode());
  }
}
