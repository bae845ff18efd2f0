package dev.lineup.xtream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.Node;
import dev.lineup.support.Tools;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Xtream Codes players signing in to Lineup: the login object, the channel lists, the short guide,
 * the M3U and guide of get.php and xmltv.php, stream and archive redirects, and the users' API.
 */
class XtreamIT {
  /** The lineup: name, tvg-id, category, archive days. */
  static final String[][] LINEUP = {
    {"UK: BBC One HD", "bbc1.uk", "1", "7"},
    {"UK: ITV", "itv.uk", "1", "0"},
    {"US: CNN", "cnn.us", "2", "0"},
    {"US: No Guide", "", "2", "0"},
    {"Kids: Cartoons", "cartoons.int", "3", "0"}
  };

  static final DateTimeFormatter XMLTV =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss Z").withZone(ZoneOffset.UTC);

  FakeProvider provider;
  long account;
  long playlist;
  long user;
  String username;
  String password;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int i = 0; i < LINEUP.length; i++) {
      streams.add(
          Json.createObjectBuilder()
              .add("num", i + 1)
              .add("stream_id", 500 + i)
              .add("name", LINEUP[i][0])
              .add("epg_channel_id", LINEUP[i][1])
              .add("category_id", LINEUP[i][2])
              .add("tv_archive", LINEUP[i][3].equals("0") ? 0 : 1)
              .add("tv_archive_duration", Integer.parseInt(LINEUP[i][3])));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"UK\"},"
            + "{\"category_id\":\"2\",\"category_name\":\"US <News>\"},"
            + "{\"category_id\":\"3\",\"category_name\":\"Kids\"}]",
        streams.build().toString());
    provider.serveGuide(guide());
    account = Accounts.create("Xtream out", provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    playlist =
        Accounts.playlistOf("Xtream out", "redirect", account).getJsonNumber("id").longValue();
    username = "tv" + Long.toString(System.nanoTime(), 36);
    JsonObject created = createUser(username, playlist, null);
    user = created.getJsonObject("user").getJsonNumber("id").longValue();
    password = created.getString("password");
  }

  @AfterEach
  void tearDown() {
    Api.delete("/api/xtream-users/" + user);
    Api.delete("/api/playlist-configs/" + playlist);
    Api.delete("/api/accounts/" + account);
    provider.close();
  }

  /** Hourly programmes from two hours ago to six hours ahead, for every channel with a guide. */
  static String guide() {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    StringBuilder xml = new StringBuilder("<tv>");
    for (String[] channel : LINEUP) {
      if (!channel[1].isEmpty()) {
        xml.append("<channel id=\"")
            .append(channel[1])
            .append("\"><display-name>")
            .append(channel[0])
            .append("</display-name></channel>");
      }
    }
    for (String[] channel : LINEUP) {
      for (int h = -2; h < 6 && !channel[1].isEmpty(); h++) {
        xml.append("<programme start=\"")
            .append(XMLTV.format(hour.plus(h, ChronoUnit.HOURS)))
            .append("\" stop=\"")
            .append(XMLTV.format(hour.plus(h + 1, ChronoUnit.HOURS)))
            .append("\" channel=\"")
            .append(channel[1])
            .append("\"><title lang=\"en\">")
            .append(channel[1])
            .append(" at ")
            .append(h)
            .append(" &amp; more</title><desc>Déjà vu</desc></programme>");
      }
    }
    return xml.append("</tv>").toString();
  }

  static JsonObject createUser(String username, long playlist, String extra) {
    Reply reply =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\""
                + username
                + "\",\"playlist_id\":"
                + playlist
                + (extra == null ? "" : "," + extra)
                + "}");
    assertEquals(201, reply.status(), reply.toString());
    return reply.json();
  }

  String api(String action, String... more) {
    StringBuilder path =
        new StringBuilder("/player_api.php?username=")
            .append(username)
            .append("&password=")
            .append(password);
    if (action != null) {
      path.append("&action=").append(action);
    }
    for (int i = 0; i < more.length; i += 2) {
      path.append('&')
          .append(more[i])
          .append('=')
          .append(URLEncoder.encode(more[i + 1], StandardCharsets.UTF_8));
    }
    return path.toString();
  }

  static HttpResponse<String> anonymous(String path) {
    return Api.anonymous(Api.request(path).GET());
  }

  @Test
  void theLoginObjectSaysWhoSignedInAndWhereTheServerIs() {
    HttpResponse<String> reply = anonymous(api(null));
    assertEquals(200, reply.statusCode());
    JsonObject login = json(reply.body()).asJsonObject();
    JsonObject info = login.getJsonObject("user_info");
    assertEquals(username, info.getString("username"));
    assertEquals(password, info.getString("password"));
    assertEquals(1, info.getInt("auth"));
    assertEquals("Active", info.getString("status"));
    assertEquals(JsonValue.NULL, info.get("exp_date"));
    assertEquals("1", info.getString("max_connections"));
    assertEquals("0", info.getString("is_trial"));
    assertEquals(
        List.of("m3u8", "ts"),
        info.getJsonArray("allowed_output_formats")
            .getValuesAs(jakarta.json.JsonString::getString));
    JsonObject server = login.getJsonObject("server_info");
    String base = Api.BASE_URL;
    assertEquals(base.replaceAll("^https?://|:\\d+$", ""), server.getString("url"));
    assertEquals(base.replaceAll("^.*:", ""), server.getString("port"));
    assertEquals("http", server.getString("server_protocol"));
    assertTrue(server.getBoolean("process"));
    // An unknown action is a login too; so is a POST with a form.
    assertEquals(
        1,
        json(anonymous(api("get_profile")).body())
            .asJsonObject()
            .getJsonObject("user_info")
            .getInt("auth"));
    HttpResponse<String> posted =
        Api.anonymous(Api.form("/player_api.php", "username", username, "password", password));
    assertEquals(1, json(posted.body()).asJsonObject().getJsonObject("user_info").getInt("auth"));
  }

  @Test
  void forwardedHeadersAreNotBelievedWithoutTrustedProxies() {
    // The test server has no TRUSTED_PROXIES (the trusted cases: PublicUrlTest).
    HttpResponse<String> reply =
        Api.anonymous(
            Api.request(api(null))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example")
                .GET());
    JsonObject server = json(reply.body()).asJsonObject().getJsonObject("server_info");
    assertEquals("http", server.getString("server_protocol"));
    assertNotEquals("evil.example", server.getString("url"));
  }

  @Test
  void wrongCredentialsAreAuthZeroAndNoData() {
    for (String path :
        List.of(
            "/player_api.php?username=" + username + "&password=wrong",
            "/player_api.php?username=nobody&password=" + password,
            "/player_api.php?username=" + username.toUpperCase() + "&password=" + password,
            "/player_api.php",
            "/player_api.php?username=" + username + "&password=wrong&action=get_live_streams")) {
      HttpResponse<String> reply = anonymous(path);
      assertEquals(200, reply.statusCode(), path);
      assertEquals(
          "{\"user_info\":{\"auth\":0}}", reply.body().replace(" ", ""), path + " " + reply.body());
    }
    assertEquals(404, anonymous("/get.php?username=" + username + "&password=wrong").statusCode());
    assertEquals(
        404, anonymous("/xmltv.php?username=" + username + "&password=wrong").statusCode());
    assertEquals(404, anonymous("/live/" + username + "/wrong/1.ts").statusCode());
    // The right password still works.
    assertEquals(
        1,
        json(anonymous(api(null)).body()).asJsonObject().getJsonObject("user_info").getInt("auth"));
  }

  @Test
  void categoriesAndStreamsAreThePlaylistsInItsOrderWithLineupsIds() {
    JsonArray categories = json(anonymous(api("get_live_categories")).body()).asJsonArray();
    Set<String> names = new HashSet<>();
    categories.forEach(c -> names.add(c.asJsonObject().getString("category_name")));
    assertEquals(Set.of("UK", "US <News>", "Kids"), names);
    categories.forEach(c -> assertEquals(0, c.asJsonObject().getInt("parent_id")));

    JsonArray streams = json(anonymous(api("get_live_streams")).body()).asJsonArray();
    assertEquals(LINEUP.length, streams.size());
    Set<Long> channelIds = new HashSet<>();
    Api.get("/api/playlist-configs/" + playlist + "/preview?limit=100")
        .json()
        .getJsonArray("channels")
        .forEach(c -> channelIds.add(c.asJsonObject().getJsonNumber("id").longValue()));
    Set<Long> streamIds = new HashSet<>();
    for (JsonValue value : streams) {
      JsonObject stream = value.asJsonObject();
      streamIds.add(stream.getJsonNumber("stream_id").longValue());
      assertEquals("live", stream.getString("stream_type"));
      assertEquals("", stream.getString("direct_source"), "never a provider URL");
      assertTrue(stream.getString("category_id").matches("\\d+"), stream.toString());
      assertEquals(
          stream.getString("category_id"),
          stream.getJsonArray("category_ids").getJsonNumber(0).toString());
      if (stream.getString("name").contains("BBC One")) {
        assertEquals("bbc1.uk", stream.getString("epg_channel_id"));
        assertEquals(1, stream.getInt("tv_archive"));
        assertEquals(7, stream.getInt("tv_archive_duration"));
      }
      if (stream.getString("name").contains("No Guide")) {
        assertEquals(JsonValue.NULL, stream.get("epg_channel_id"));
      }
    }
    assertEquals(channelIds, streamIds, "stream ids are Lineup's channel ids");

    String uk = categoryIdOf(categories, "UK");
    JsonArray ukStreams =
        json(anonymous(api("get_live_streams", "category_id", uk)).body()).asJsonArray();
    assertEquals(2, ukStreams.size(), ukStreams.toString());
    assertEquals("[]", anonymous(api("get_live_streams", "category_id", "not-a-number")).body());
  }

  private static String categoryIdOf(JsonArray categories, String name) {
    return categories.stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("category_name").equals(name))
        .findFirst()
        .orElseThrow()
        .getString("category_id");
  }

  @Test
  void theShortGuideStartsWithWhatIsOnNowInBase64() {
    long bbc = streamIdOf("BBC One");
    JsonArray listings =
        json(anonymous(api("get_short_epg", "stream_id", String.valueOf(bbc))).body())
            .asJsonObject()
            .getJsonArray("epg_listings");
    assertEquals(4, listings.size(), listings.toString());
    JsonObject now = listings.getJsonObject(0);
    assertEquals("bbc1.uk at 0 & more", decode(now.getString("title")));
    assertEquals("Déjà vu", decode(now.getString("description")));
    assertEquals("en", now.getString("lang"));
    assertEquals("bbc1.uk", now.getString("channel_id"));
    assertEquals(String.valueOf(bbc), now.getString("stream_id"));
    assertEquals(1, now.getInt("now_playing"));
    long start = Long.parseLong(now.getString("start_timestamp"));
    assertEquals(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond(), start);
    assertEquals(start + 3600, Long.parseLong(now.getString("stop_timestamp")));
    assertEquals(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochSecond(start)),
        now.getString("start"));
    assertEquals(
        2,
        json(anonymous(api("get_short_epg", "stream_id", String.valueOf(bbc), "limit", "2")).body())
            .asJsonObject()
            .getJsonArray("epg_listings")
            .size());
    // The whole table: the past too, with the archive marked for an archived channel.
    JsonArray table =
        json(anonymous(api("get_simple_data_table", "stream_id", String.valueOf(bbc))).body())
            .asJsonObject()
            .getJsonArray("epg_listings");
    assertEquals(8, table.size());
    assertEquals(1, table.getJsonObject(0).getInt("has_archive"));
    assertEquals(0, table.getJsonObject(7).getInt("has_archive"));
    // Nothing to say is an empty list, never an error.
    for (String[] query :
        List.of(
            new String[] {"stream_id", String.valueOf(streamIdOf("No Guide"))},
            new String[] {"stream_id", "999999999"},
            new String[] {"stream_id", "abc"},
            new String[] {"stream_id", String.valueOf(bbc), "limit", "99999999999"},
            new String[] {"limit", "-1"})) {
      HttpResponse<String> reply = anonymous(api("get_short_epg", query));
      assertEquals(200, reply.statusCode(), String.join(",", query));
      int listed = json(reply.body()).asJsonObject().getJsonArray("epg_listings").size();
      assertTrue(listed <= 4, String.join(",", query) + ": " + reply.body());
    }
  }

  private long streamIdOf(String name) {
    return json(anonymous(api("get_live_streams")).body()).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("name").contains(name))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("stream_id")
        .longValue();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Test
  void vodAndSeriesAreEmptyNeverAnError() {
    for (String action :
        List.of("get_vod_categories", "get_vod_streams", "get_series_categories", "get_series")) {
      assertEquals("[]", anonymous(api(action)).body(), action);
    }
    for (String action : List.of("get_vod_info", "get_series_info")) {
      assertEquals("{}", anonymous(api(action, "vod_id", "1")).body(), action);
    }
  }

  @Test
  void getPhpIsTheUsersM3uWithStreamsAtLineupAndItsGuideAtXmltvPhp() {
    HttpResponse<String> reply =
        anonymous(
            "/get.php?username=" + username + "&password=" + password + "&type=m3u_plus&output=ts");
    assertEquals(200, reply.statusCode(), reply.body());
    String m3u = reply.body();
    assertTrue(
        m3u.startsWith(
            "#EXTM3U x-tvg-url=\""
                + Api.BASE_URL
                + "/xmltv.php?username="
                + username
                + "&password="
                + password
                + "\""),
        m3u);
    List<String> urls = m3u.lines().filter(l -> l.startsWith("http")).toList();
    assertEquals(LINEUP.length, urls.size());
    urls.forEach(
        u ->
            assertTrue(
                u.matches(
                    java.util.regex.Pattern.quote(
                            Api.BASE_URL + "/live/" + username + "/" + password + "/")
                        + "\\d+\\.ts"),
                u));
    assertFalse(m3u.contains(provider.url()), "no provider URL in it");
    String bbc = m3u.lines().filter(l -> l.contains("BBC One")).findFirst().orElseThrow();
    assertTrue(bbc.contains("catchup=\"xc\"") && bbc.contains("catchup-days=\"7\""), bbc);
    assertTrue(
        anonymous("/get.php?username=" + username + "&password=" + password + "&output=m3u8")
            .body()
            .contains(".m3u8\n"));

    HttpResponse<String> guide =
        anonymous("/xmltv.php?username=" + username + "&password=" + password);
    assertEquals(200, guide.statusCode());
    assertTrue(guide.body().contains("<channel id=\"bbc1.uk\">"), guide.body());
    assertTrue(guide.headers().firstValue("ETag").isPresent());
  }

  @Test
  void aStreamIsARedirectToTheProvidersOnlyForTheUsersOwnChannels() {
    long bbc = streamIdOf("BBC One");
    HttpResponse<String> live = anonymous("/live/" + username + "/" + password + "/" + bbc + ".ts");
    assertEquals(302, live.statusCode(), live.body());
    String location = live.headers().firstValue("Location").orElseThrow();
    assertEquals(provider.url() + "/live/" + providerLogin() + "/500.ts", location);
    HttpResponse<String> head =
        Api.anonymous(
            Api.request("/live/" + username + "/" + password + "/" + bbc + ".m3u8")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(302, head.statusCode());
    assertTrue(head.headers().firstValue("Location").orElseThrow().endsWith("/500.m3u8"));
    // The short form some players use goes to the long one.
    HttpResponse<String> shortForm = anonymous("/" + username + "/" + password + "/" + bbc);
    assertEquals(302, shortForm.statusCode(), shortForm.body());
    assertTrue(
        shortForm
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .endsWith("/live/" + username + "/" + password + "/" + bbc + ".ts"));

    // A channel that exists, but not in this user's playlist: as unknown as any other.
    FakeProvider other = FakeProvider.start();
    try {
      other.serve(
          "[{\"category_id\":\"1\",\"category_name\":\"Other\"}]",
          "[{\"stream_id\":9,\"name\":\"Elsewhere\",\"category_id\":\"1\"}]");
      long otherAccount = Accounts.create("Xtream other", other);
      assertTrue(Api.post("/api/accounts/" + otherAccount + "/sync").json().getBoolean("success"));
      long foreign =
          Api.get("/api/accounts/" + otherAccount + "/preview?limit=1")
              .json()
              .getJsonArray("channels")
              .getJsonObject(0)
              .getJsonNumber("id")
              .longValue();
      assertEquals(
          404,
          anonymous("/live/" + username + "/" + password + "/" + foreign + ".ts").statusCode());
      assertEquals(
          "{\"epg_listings\":[]}",
          anonymous(api("get_short_epg", "stream_id", String.valueOf(foreign))).body());
      Api.delete("/api/accounts/" + otherAccount);
    } finally {
      other.close();
    }
    assertEquals(
        404, anonymous("/live/" + username + "/" + password + "/99999999.ts").statusCode());
  }

  /** The provider's username and password as path segments (its password needs escapes). */
  private String providerLogin() {
    return segment(provider.username()) + "/" + segment(provider.password());
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void theArchiveRedirectsToTheProvidersTimeshiftForArchivedChannelsOnly() {
    long bbc = streamIdOf("BBC One");
    HttpResponse<String> shift =
        anonymous(
            "/timeshift/" + username + "/" + password + "/60/2026-11-30:10-00/" + bbc + ".ts");
    assertEquals(302, shift.statusCode(), shift.body());
    assertEquals(
        provider.url() + "/timeshift/" + providerLogin() + "/60/2026-11-30:10-00/500.ts",
        shift.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> php =
        anonymous(
            "/streaming/timeshift.php?username="
                + username
                + "&password="
                + password
                + "&stream="
                + bbc
                + "&start=2026-11-30:10-00&duration=60");
    assertEquals(302, php.statusCode(), php.body());
    long itv = streamIdOf("ITV");
    assertEquals(
        404,
        anonymous("/timeshift/" + username + "/" + password + "/60/2026-11-30:10-00/" + itv + ".ts")
            .statusCode());
    assertEquals(
        404, anonymous("/timeshift/" + username + "/" + password + "/x/y/1.ts").statusCode());
  }

  @Test
  void aDisabledOrExpiredUserIsToldItsStatusAndGetsNoData() {
    Reply disabled =
        Api.put(
            "/api/xtream-users/" + user,
            "{\"username\":\""
                + username
                + "\",\"playlist_id\":"
                + playlist
                + ",\"enabled\":false}");
    assertEquals(200, disabled.status(), disabled.toString());
    assertEquals("Disabled", disabled.json().getString("status"));
    for (String action : List.of("get_live_streams", "get_live_categories", "get_short_epg")) {
      JsonObject login = json(anonymous(api(action)).body()).asJsonObject();
      assertEquals("Disabled", login.getJsonObject("user_info").getString("status"), action);
      assertEquals(1, login.getJsonObject("user_info").getInt("auth"));
    }
    assertEquals(
        403, anonymous("/get.php?username=" + username + "&password=" + password).statusCode());
    assertEquals(
        403, anonymous("/xmltv.php?username=" + username + "&password=" + password).statusCode());
    assertEquals(
        403,
        anonymous("/timeshift/" + username + "/" + password + "/60/2026-11-30:10-00/1.ts")
            .statusCode());
    JsonObject panel =
        json(anonymous(api("get_live_streams").replace("/player_api.php", "/panel_api.php")).body())
            .asJsonObject();
    assertEquals("Disabled", panel.getJsonObject("user_info").getString("status"));

    Reply expired =
        Api.put(
            "/api/xtream-users/" + user,
            "{\"username\":\""
                + username
                + "\",\"playlist_id\":"
                + playlist
                + ",\"expires_at\":\"2020-01-31\"}");
    assertEquals("Expired", expired.json().getString("status"));
    JsonObject info =
        json(anonymous(api("get_live_streams")).body()).asJsonObject().getJsonObject("user_info");
    assertEquals("Expired", info.getString("status"));
    assertEquals(
        String.valueOf(Instant.parse("2020-02-01T00:00:00Z").getEpochSecond()),
        info.getString("exp_date"));
    assertEquals(403, anonymous("/live/" + username + "/" + password + "/1.ts").statusCode());
  }

  @Test
  void theUsersApiKeepsPasswordsHiddenAndUsernamesUnique() {
    JsonObject listed = Api.get("/api/xtream-users/" + user).json();
    assertFalse(listed.toString().contains(password));
    assertFalse(listed.containsKey("password"));
    assertEquals(playlist, listed.getJsonNumber("playlist_id").longValue());

    Reply twin =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\"" + username.toUpperCase() + "\",\"playlist_id\":" + playlist + "}");
    assertEquals(409, twin.status(), twin.toString());
    assertTrue(twin.isProblem());

    Reply bad =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\"a/b\",\"password\":\"short\",\"playlist_id\":999999999,"
                + "\"max_connections\":0,\"expires_at\":\"soon\"}");
    assertEquals(422, bad.status(), bad.toString());
    Set<String> fields = new HashSet<>();
    bad.json().getJsonArray("errors").forEach(e -> fields.add(e.asJsonObject().getString("field")));
    assertEquals(
        Set.of("username", "password", "playlist_id", "max_connections", "expires_at"), fields);

    // A new password: shown once, the old one stops working at once.
    JsonObject renewed = Api.post("/api/xtream-users/" + user + "/password").json();
    String newPassword = renewed.getString("password");
    assertNotEquals(password, newPassword);
    assertEquals(Api.BASE_URL, renewed.getString("server"));
    assertEquals(
        0,
        json(anonymous(api(null)).body()).asJsonObject().getJsonObject("user_info").getInt("auth"));
    password = newPassword;
    assertEquals(
        1,
        json(anonymous(api(null)).body()).asJsonObject().getJsonObject("user_info").getInt("auth"));

    // A playlist with users cannot be deleted from under them.
    Reply refused = Api.delete("/api/playlist-configs/" + playlist);
    assertEquals(409, refused.status(), refused.toString());
    assertTrue(refused.body().contains("Xtream user"), refused.body());
  }

  @Test
  void aPlayerOpeningManyListsAtOnceIsSignedInEveryTime() throws Exception {
    // A new password: not remembered yet, so the requests below all need the one check.
    password = Api.post("/api/xtream-users/" + user + "/password").json().getString("password");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> replies = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String action = i % 2 == 0 ? null : "get_live_categories";
        replies.add(pool.submit(() -> anonymous(api(action))));
      }
      for (var reply : replies) {
        HttpResponse<String> answer = reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertFalse(answer.body().contains("\"auth\":0"), answer.body());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lastUseAndAddressAreRecorded() {
    anonymous(api(null));
    JsonObject listed = Api.get("/api/xtream-users/" + user).json();
    assertEquals("127.0.0.1", listed.getString("last_address"));
    assertNotEquals(JsonValue.NULL, listed.get("last_used_at"));
  }

  @Test
  void aRealXtreamClientSignsInListsEveryChannelReadsTheShortGuideAndPlaysAStream()
      throws Exception {
    Tools.debian("ffprobe", "ffmpeg");
    Path clients = Node.install("clients");
    Node.Result run =
        Node.run(
            clients,
            List.of("node", "xtream_client.mjs", Api.BASE_URL, username, password),
            java.util.Map.of(),
            120);
    assertEquals(0, run.status(), run.output());
    JsonObject out =
        json(run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow())
            .asJsonObject();
    assertEquals(LINEUP.length, out.getInt("channels"), out.toString());
    assertEquals(3, out.getInt("live_categories"), out.toString());
    assertEquals(0, out.getInt("movies"), out.toString());
    assertTrue(out.getInt("short_epg_listings") > 0, out.toString());
    String stream = out.getString("stream_url");
    assertTrue(stream.startsWith(Api.BASE_URL + "/live/" + username + "/"), stream);
    Node.Result probe =
        Node.run(clients, List.of("sh", "ffprobe_url.sh", stream, "20"), java.util.Map.of(), 60);
    assertEquals(0, probe.status(), probe.output());
    assertTrue(probe.output().contains("format=mpegts"), probe.output());
  }

  @Test
  void getPhpReadsInBothPlaylistParsersAndXmltvPhpValidates() throws Exception {
    Path clients = Node.install("clients");
    String m3u = Api.BASE_URL + "/get.php?username=" + username + "&password=" + password;
    String epg = Api.BASE_URL + "/xmltv.php?username=" + username + "&password=" + password;
    long channels =
        Api.get("/api/playlist-configs/" + playlist + "/preview?limit=1").json().getInt("total");
    assertEquals(LINEUP.length, channels);
    JsonObject parser = node(clients, "m3u_iptv-playlist-parser.mjs", m3u);
    assertEquals(channels, parser.getInt("items"), parser.toString());
    assertEquals(channels, parser.getInt("with_url"), parser.toString());
    JsonObject parsed = node(clients, "m3u_iptv-playlist.mjs", m3u, "--roundtrip");
    assertEquals(channels, parsed.getInt("channels"), parsed.toString());
    assertEquals(channels, parsed.getInt("roundtrip_channels"), parsed.toString());

    int guideChannels = (int) java.util.Arrays.stream(LINEUP).filter(c -> !c[1].isEmpty()).count();
    JsonObject xmltv = node(clients, "xmltv_iptv-xmltv.mjs", epg);
    assertEquals(guideChannels, xmltv.getInt("channels"), xmltv.toString());
    assertEquals(8 * guideChannels, xmltv.getInt("programmes"), xmltv.toString());
    Tools.debian("xmllint", "libxml2-utils");
    Tools.debian("tv_validate_file", "xmltv-util");
    Tools.debian("curl", "curl");
    Tools.debian("perl", "perl");
    String dtd = System.getenv().getOrDefault("XMLTV_DTD", "/usr/share/xmltv/xmltv.dtd");
    Tools.file(Path.of(dtd), "the XMLTV DTD (apt-get install xmltv-util, or set XMLTV_DTD)");
    Node.Result validated =
        Node.run(clients, List.of("sh", "xmltv_validate.sh", epg), java.util.Map.of(), 120);
    assertEquals(0, validated.status(), validated.output());
    assertTrue(validated.output().contains("xmllint --dtdvalid rc=0"), validated.output());
  }

  /** Runs a Node driver; it prints one JSON line and exits 0. */
  private static JsonObject node(Path clients, String script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Node.Result result = Node.run(clients, command, java.util.Map.of(), 120);
    assertEquals(0, result.status(), result.output());
    return json(result
            .output()
            .lines()
            .filter(l -> l.startsWith("{"))
            .reduce((a, b) -> b)
            .orElseThrow())
        .asJsonObject();
  }

  static JsonValue json(String body) {
    try (var reader = Json.createReader(new java.io.StringReader(body))) {
      return reader.readValue();
    }
  }
}
