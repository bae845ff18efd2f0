package dev.lineup.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guide matching: channels find their guide channel in the account's own guide and in extra guide
 * sources, people decide over the matcher, and every output uses the mapping.
 */
class GuideMatchingIT {
  /** The provider's own guide: only BBC One, under the provider's id. */
  static final String OWN_GUIDE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <tv>
        <channel id="bbc1.uk"><display-name>BBC One</display-name></channel>
        <programme start="20260101000000 +0000" stop="20360101000000 +0000" channel="bbc1.uk">
          <title>Breakfast</title></programme>
      </tv>
      """;

  /** An extra source, with other ids and several display names. */
  static final String SOURCE_GUIDE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <tv>
        <channel id="CNN.us"><display-name>CNN International</display-name><display-name>CNN</display-name></channel>
        <channel id="SkySportsNews.uk"><display-name>Sky Sports News HD</display-name></channel>
        <channel id="ESPN.us"><display-name>ESPN</display-name></channel>
        <programme start="20260101000000 +0000" stop="20360101000000 +0000" channel="CNN.us">
          <title>Newsroom</title></programme>
        <programme start="20260101000000 +0000" stop="20360101000000 +0000" channel="ESPN.us">
          <title>SportsCenter</title></programme>
      </tv>
      """;

  FakeProvider provider;
  FakeProvider elsewhere;
  long account;
  long source;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    elsewhere = FakeProvider.start();
    provider.serveGuide(OWN_GUIDE);
    elsewhere.serveGuide(SOURCE_GUIDE);
    serve("ESPN 2");
    account = Accounts.create("Matching", provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    Reply created =
        Api.post(
            "/api/guide-sources",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("Extra guide"))
                .add("url", elsewhere.url() + "/epg.xml")
                .add("priority", 10)
                .build()
                .toString());
    assertEquals(201, created.status(), created.toString());
    source = created.json().getJsonNumber("id").longValue();
    assertEquals("source:" + source, created.json().getString("guide"));
    Reply fetched = Api.post("/api/guide-sources/" + source + "/refresh");
    assertEquals(200, fetched.status(), fetched.toString());
    assertEquals(3, fetched.json().getInt("channels"));
    assertEquals(200, Api.post("/api/epg/match?account_id=" + account).status());
  }

  @AfterEach
  void tearDown() {
    Api.delete("/api/accounts/" + account);
    Api.delete("/api/guide-sources/" + source);
    provider.close();
    elsewhere.close();
  }

  /** The provider's lineup; {@code espnName} is what it calls its ESPN 2 channel. */
  void serve(String espnName) {
    String[][] lineup = {
      {"UK: BBC One HD", "bbc1.uk"},
      {"US: CNN FHD", ""},
      {"VIP Sky Sports News", ""},
      {espnName, ""},
      {"Totally Unknown Channel", ""}
    };
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int i = 0; i < lineup.length; i++) {
      streams.add(
          Json.createObjectBuilder()
              .add("stream_id", 700 + i)
              .add("name", lineup[i][0])
              .add("epg_channel_id", lineup[i][1])
              .add("category_id", "1"));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"All\"}]", streams.build().toString());
  }

  JsonObject match(String name) {
    JsonObject page =
        Api.get("/api/epg/matches?account_id=" + account + "&search=" + name.replace(" ", "%20"))
            .json();
    assertEquals(1, page.getJsonArray("items").size(), page.toString());
    return page.getJsonArray("items").getJsonObject(0);
  }

  long channel(String name) {
    return match(name).getJsonNumber("channel_id").longValue();
  }

  @Test
  void channelsFindTheirGuideByTheProvidersIdThenByName() {
    JsonObject bbc = match("BBC One");
    assertEquals("auto", bbc.getString("status"));
    assertEquals("account:" + account, bbc.getString("guide"));
    assertEquals("bbc1.uk", bbc.getString("guide_channel_id"));

    JsonObject cnn = match("CNN");
    assertEquals("auto", cnn.getString("status"), cnn.toString());
    assertEquals("source:" + source, cnn.getString("guide"));
    assertEquals("CNN.us", cnn.getString("guide_channel_id"), "the second display name counts");

    JsonObject sky = match("Sky Sports News");
    assertEquals("auto", sky.getString("status"), sky.toString());
    assertEquals("SkySportsNews.uk", sky.getString("guide_channel_id"));

    assertNotEquals("auto", match("ESPN 2").getString("status"), "ESPN 2 is not ESPN");
    assertEquals("unmatched", match("Totally Unknown").getString("status"));

    // A person looking for a guide channel by name finds it, whatever its case or accents
    String found = Api.get("/api/epg/guide-channels?search=sky%20SPORTS%20n%C3%A9ws").body();
    assertTrue(found.contains("\"id\":\"SkySportsNews.uk\""), found);
    assertTrue(found.contains("\"guide\":\"source:" + source + "\""), found);
    assertEquals(400, Api.get("/api/epg/guide-channels?search=").status());

    JsonObject counts =
        Api.get("/api/epg/matches?account_id=" + account).json().getJsonObject("counts");
    assertEquals(3, counts.getInt("auto"), counts.toString());
    assertEquals(
        5,
        counts.getInt("auto")
            + counts.getInt("review")
            + counts.getInt("manual")
            + counts.getInt("unmatched"));
  }

  @Test
  void outputsUseTheMappedGuideChannel() throws Exception {
    JsonObject config = Accounts.playlistOf("Mapped", account);
    String m3uUrl = config.getJsonObject("urls").getString("m3u");
    String m3u = Api.get(m3uUrl, "*/*").body();
    assertEquals("CNN.us", tvgId(m3u, "CNN"), m3u);
    assertEquals("SkySportsNews.uk", tvgId(m3u, "Sky Sports News"), m3u);
    assertEquals("bbc1.uk", tvgId(m3u, "BBC One"), m3u);

    String guide = Api.get(m3uUrl.replace("playlist.m3u", "epg.xml"), "*/*").body();
    assertTrue(guide.contains("<channel id=\"CNN.us\">"), guide);
    assertTrue(guide.contains("<title>Newsroom</title>"), "the source's programmes: " + guide);
    assertTrue(guide.contains("<channel id=\"bbc1.uk\">"), guide);
    assertFalse(guide.contains("ESPN.us"), "no channel of the playlist is mapped to it: " + guide);

    // A person maps ESPN 2: the playlist and its guide follow at once.
    long espn = channel("ESPN 2");
    Reply set = Api.put("/api/channels/" + espn + "/guide", "{\"guide_channel_id\":\"ESPN.us\"}");
    assertEquals(200, set.status(), set.toString());
    assertEquals("manual", set.json().getString("status"));
    assertEquals("source:" + source, set.json().getString("guide"));
    assertEquals("ESPN.us", tvgId(Api.get(m3uUrl, "*/*").body(), "ESPN 2"));
    assertTrue(
        Api.get(m3uUrl.replace("playlist.m3u", "epg.xml"), "*/*")
            .body()
            .contains("<title>SportsCenter</title>"));
  }

  @Test
  void aPersonsMappingSurvivesARenameAndEveryLaterRun() {
    long espn = channel("ESPN 2");
    assertEquals(
        200,
        Api.put("/api/channels/" + espn + "/guide", "{\"guide_channel_id\":\"ESPN.us\"}").status());
    serve("ESPN Deux (renamed)");
    JsonObject run = Api.post("/api/accounts/" + account + "/sync?force=true").json();
    assertTrue(run.getBoolean("success"), run.toString());
    assertEquals(200, Api.post("/api/epg/match").status());
    JsonObject renamed = match("ESPN Deux");
    assertEquals(espn, renamed.getJsonNumber("channel_id").longValue(), "the same channel");
    assertEquals("manual", renamed.getString("status"));
    assertTrue(renamed.getBoolean("by_person"));
    assertEquals("ESPN.us", renamed.getString("guide_channel_id"));
  }

  @Test
  void rejectingKeepsTheChannelWithoutAGuideUntilHandedBack() {
    long cnn = channel("CNN");
    Reply rejected = Api.put("/api/channels/" + cnn + "/guide", "{\"guide_channel_id\":null}");
    assertEquals(200, rejected.status(), rejected.toString());
    assertEquals("unmatched", rejected.json().getString("status"));
    Api.post("/api/epg/match");
    assertEquals("unmatched", match("CNN").getString("status"), "no run overrides a person");
    JsonObject config = Accounts.playlistOf("Rejected", account);
    String m3u = Api.get(config.getJsonObject("urls").getString("m3u"), "*/*").body();
    assertEquals("", tvgId(m3u, "CNN"), m3u);

    assertEquals(200, Api.delete("/api/channels/" + cnn + "/guide").status());
    Api.post("/api/epg/match");
    assertEquals("auto", match("CNN").getString("status"));

    // Confirming turns the matcher's choice into a person's.
    Reply confirmed = Api.put("/api/channels/" + cnn + "/guide", "{\"confirm\":true}");
    assertEquals(200, confirmed.status(), confirmed.toString());
    assertEquals("manual", confirmed.json().getString("status"));
    assertEquals("CNN.us", confirmed.json().getString("guide_channel_id"));
  }

  @Test
  void badDecisionsAreProblemsNamingTheFieldAndChangeNothing() {
    long espn = channel("ESPN 2");
    String before = match("ESPN 2").toString();
    Reply unknown =
        Api.put("/api/channels/" + espn + "/guide", "{\"guide_channel_id\":\"Espn.Us\"}");
    assertEquals(422, unknown.status(), "ids are compared exactly: " + unknown);
    assertTrue(unknown.body().contains("guide_channel_id"), unknown.body());
    Reply noGuide =
        Api.put(
            "/api/channels/" + espn + "/guide",
            "{\"guide_channel_id\":\"ESPN.us\",\"guide\":\"source:999999\"}");
    assertEquals(422, noGuide.status(), noGuide.toString());
    assertTrue(noGuide.body().contains("\"guide\""), noGuide.body());
    assertEquals(
        404,
        Api.put("/api/channels/999999999/guide", "{\"guide_channel_id\":\"ESPN.us\"}").status());
    long unknownChannel = channel("Totally Unknown");
    Reply nothing = Api.put("/api/channels/" + unknownChannel + "/guide", "{\"confirm\":true}");
    assertEquals(409, nothing.status(), nothing.toString());
    assertEquals(422, Api.put("/api/channels/" + espn + "/guide", "{}").status());
    assertEquals(before, match("ESPN 2").toString());
    assertEquals(400, Api.get("/api/epg/matches?status=bogus").status());
    assertEquals(404, Api.post("/api/epg/match?account_id=999999999").status());
  }

  @Test
  void guideSourcesRefuseBadInput() {
    Reply noUrl = Api.post("/api/guide-sources", "{\"name\":\"x\",\"url\":\"ftp://example\"}");
    assertEquals(422, noUrl.status(), noUrl.toString());
    assertTrue(noUrl.isProblem());
    assertTrue(noUrl.body().contains("\"url\""), noUrl.body());
    String name = Api.get("/api/guide-sources/" + source).json().getString("name");
    Reply twice =
        Api.post(
            "/api/guide-sources",
            "{\"name\":\"" + name.toUpperCase() + "\",\"url\":\"http://127.0.0.1:9/x.xml\"}");
    assertEquals(409, twice.status(), twice.toString());
    Reply priority =
        Api.put(
            "/api/guide-sources/" + source,
            "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/x.xml\",\"priority\":-1}");
    assertEquals(422, priority.status());
    assertEquals(404, Api.get("/api/guide-sources/999999999").status());
    JsonObject shown = Api.get("/api/guide-sources/" + source).json();
    assertTrue(shown.getBoolean("available"), shown.toString());
    assertEquals(3, shown.getInt("channels"));
  }

  @Test
  void deletingASourceSendsItsChannelsLookingAgain() {
    long cnn = channel("CNN");
    Reply mapped =
        Api.put(
            "/api/channels/" + cnn + "/guide",
            "{\"guide\":\"source:" + source + "\",\"guide_channel_id\":\"CNN.us\"}");
    assertEquals(200, mapped.status(), mapped.toString());
    assertEquals(
        1L,
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE id = ? AND guide_mapped AND guide = ?"
                + " AND guide_channel_id = 'CNN.us'",
            cnn,
            "source:" + source),
        "a person's mapping is kept on the channel for the outputs");
    assertEquals(200, Api.delete("/api/guide-sources/" + source).status());
    assertEquals(
        0L,
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE id = ? AND (guide_mapped OR guide IS NOT NULL)",
            cnn),
        "outputs forget the source's guide at once, before the channels look again");
    assertEquals(404, Api.get("/api/guide-sources/" + source).status());
    Api.post("/api/epg/match?account_id=" + account);
    assertEquals("unmatched", match("CNN").getString("status"));
    assertEquals("auto", match("BBC One").getString("status"), "the account's guide stays");
  }

  /** The tvg-id of the entry whose title contains {@code name}. */
  static String tvgId(String m3u, String name) {
    for (String line : List.of(m3u.split("\n"))) {
      if (line.startsWith("#EXTINF") && line.substring(line.lastIndexOf(',') + 1).contains(name)) {
        Matcher id = Pattern.compile("tvg-id=\"([^\"]*)\"").matcher(line);
        return id.find() ? id.group(1) : "";
      }
    }
    throw new AssertionError("no entry " + name + " in " + m3u);
  }
}
