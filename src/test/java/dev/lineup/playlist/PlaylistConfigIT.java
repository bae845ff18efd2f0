package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.channel.PreviewIT;
import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/playlist-configs} and the player URLs of a config. */
class PlaylistConfigIT {
  FakeProvider provider;
  long first;
  long second;

  @BeforeEach
  void setUp() {
    Api.post("/api/rulesets/create-default");
    provider = FakeProvider.start();
    Api.patch("/api/settings", "{\"legacy_player_urls\": true}"); // these tests use the id URLs
    provider.serve(PreviewIT.categories(), PreviewIT.streams(PreviewIT.LINEUP.length));
    first = Accounts.create("Config one", provider);
    second = Accounts.create("Config two", provider);
    PreviewIT.syncAndIndex(first);
    PreviewIT.syncAndIndex(second);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static JsonObject create(String json) {
    Reply reply = Api.post("/api/playlist-configs", json);
    assertEquals(201, reply.status(), reply.toString());
    return reply.json();
  }

  static String name(long account) {
    return Api.get("/api/accounts/" + account).json().getString("name");
  }

  static List<String> lines(String url) {
    Reply reply = Api.get(url, "*/*");
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.contentType().startsWith("audio/x-mpegurl"), reply.contentType());
    return reply.body().lines().toList();
  }

  @Test
  void aPlaylistsStreamModeIsKeptByAnUpdateThatLeavesItOutAndAnUnknownOneIsRefused() {
    JsonObject config =
        create(
            "{\"name\":\"%s\",\"stream_mode\":\"redirect\"}"
                .formatted(Accounts.uniqueName("Redirected")));
    assertEquals("redirect", config.getString("stream_mode"));
    String path = "/api/playlist-configs/" + config.getInt("id");
    Reply updated = Api.put(path, "{\"name\":\"%s\"}".formatted(config.getString("name")));
    assertEquals(200, updated.status(), updated::toString);
    assertEquals("redirect", updated.json().getString("stream_mode"), "left out: kept");
    Reply wrong =
        Api.put(
            path,
            "{\"name\":\"%s\",\"stream_mode\":\"tunnel\"}".formatted(config.getString("name")));
    assertEquals(422, wrong.status(), wrong::toString);
    assertTrue(wrong.body().contains("stream_mode"), wrong.body());
    Api.delete(path);
  }

  @Test
  void aConfigTakesItsAccountsTagsNumberingAndGroupsFromTheDatabase() {
    JsonObject config =
        create(
            "{\"name\":\"%s\",\"include_accounts\":[%d,%d],\"include_tags\":[\"us\"],"
                    .formatted(Accounts.uniqueName("US no HD"), first, second)
                + "\"exclude_tags\":\"HD\",\"numbering\":\"sequential\",\"start_number\":100}");
    assertEquals("[\"US\"]", config.getJsonArray("include_tags").toString());
    assertEquals("any", config.getString("tag_match"));
    assertEquals("category", config.getString("group_by"));
    assertEquals("proxy", config.getString("stream_mode"), "a new playlist relays its streams");
    String m3u = config.getJsonObject("urls").getString("m3u");
    assertTrue(m3u.matches("/p/[A-Za-z0-9_-]{43}/playlist\\.m3u"), m3u);

    List<String> lines = lines(m3u);
    assertEquals(
        "#EXTM3U x-tvg-url=\"" + Api.BASE_URL + m3u.replace("playlist.m3u", "epg.xml") + "\"",
        lines.get(0));
    assertEquals(9, lines.size(), "ESPN 2 and Fox News of both accounts: " + lines);
    assertEquals(
        "#EXTINF:-1 tvg-name=\"ESPN 2\" tvg-chno=\"100\" group-title=\"US| SPORTS ("
            + name(first)
            + ")\",ESPN 2",
        lines.get(1));
    assertTrue(lines.get(3).contains("tvg-chno=\"101\""), lines.get(3));
    assertTrue(lines.get(3).contains("(" + name(second) + ")"), lines.get(3));
    assertTrue(lines.get(7).endsWith(",Fox News"), lines.get(7));
    // a new playlist relays: the stream is Lineup's, never the provider's
    String token = config.getJsonObject("urls").getString("m3u").split("/")[2];
    assertTrue(lines.get(8).matches(".*/s/" + token + "/\\d+\\.ts"), lines.get(8));
    assertFalse(String.join("\n", lines).contains(provider.url()), "no provider URL");

    JsonObject preview =
        Api.get("/api/playlist-configs/" + config.getInt("id") + "/preview").json();
    assertEquals(4, preview.getInt("total"), "the preview counts what the playlist holds");
    List<String> legacy = lines("/playlist/config/" + config.getInt("id") + ".m3u");
    assertEquals(lines.subList(1, lines.size()), legacy.subList(1, legacy.size()), "legacy URL");
    assertTrue(
        legacy.get(0).endsWith("/epg/config/" + config.getInt("id") + ".xml\""), legacy.get(0));
  }

  @Test
  void groupsByAccountAndMatchesAllTags() {
    JsonObject config =
        create(
            "{\"name\":\"%s\",\"include_accounts\":[%d,%d],\"include_tags\":[\"UK\",\"SPORTS\"],"
                    .formatted(Accounts.uniqueName("UK sports"), first, second)
                + "\"tag_match\":\"all\",\"group_by\":\"account\",\"numbering\":\"none\"}");
    List<String> lines = lines(config.getJsonObject("urls").getString("m3u"));
    assertEquals(5, lines.size(), lines.toString());
    assertEquals(
        "#EXTINF:-1 tvg-name=\"UK: Sky Sports Main Event\" tvg-logo=\"http://logos.example/4.png\""
            + " group-title=\""
            + name(first)
            + "\",UK: Sky Sports Main Event",
        lines.get(1));
  }

  @Test
  void rotatingTheTokenRetiresTheOldUrl() {
    JsonObject config = create("{\"name\":\"%s\"}".formatted(Accounts.uniqueName("Rotate")));
    String old = config.getJsonObject("urls").getString("m3u");
    assertEquals(200, Api.get(old, "*/*").status());
    JsonObject rotated =
        Api.post("/api/playlist-configs/" + config.getInt("id") + "/rotate-token").json();
    String fresh = rotated.getJsonObject("urls").getString("m3u");
    assertTrue(!fresh.equals(old), fresh);
    Reply gone = Api.get(old, "*/*");
    assertEquals(404, gone.status(), gone.toString());
    assertTrue(gone.isProblem());
    assertEquals(200, Api.get(fresh, "*/*").status());
  }

  @Test
  void disabledUnsyncedAndUnknownPlaylistsAreProblems() {
    JsonObject disabled =
        create("{\"name\":\"%s\",\"enabled\":false}".formatted(Accounts.uniqueName("Off")));
    assertEquals(403, Api.get(disabled.getJsonObject("urls").getString("m3u"), "*/*").status());

    long never = Accounts.create("Config never synced", provider);
    JsonObject unsynced =
        create(
            "{\"name\":\"%s\",\"include_accounts\":[%d]}"
                .formatted(Accounts.uniqueName("Unsynced"), never));
    Reply reply = Api.get(unsynced.getJsonObject("urls").getString("m3u"), "*/*");
    assertEquals(503, reply.status(), reply.toString());
    assertTrue(reply.isProblem());

    assertEquals(404, Api.get("/p/" + "x".repeat(43) + "/playlist.m3u", "*/*").status());
    assertEquals(404, Api.get("/playlist/config/999999.m3u", "*/*").status());
  }

  @Test
  void invalidConfigsAreRejectedAndNothingIsStored() {
    int before = Api.get("/api/playlist-configs").array().size();
    for (String body :
        List.of(
            "{}",
            "{\"name\":\"x\",\"include_accounts\":[999999]}",
            "{\"name\":\"x\",\"include_accounts\":\"1\"}",
            "{\"name\":\"x\",\"include_tags\":[\"!\"]}",
            "{\"name\":\"x\",\"tag_match\":\"most\"}",
            "{\"name\":\"x\",\"numbering\":\"roman\"}",
            "{\"name\":\"x\",\"group_by\":\"colour\"}",
            "{\"name\":\"x\",\"start_number\":-1}")) {
      Reply reply = Api.post("/api/playlist-configs", body);
      assertEquals(422, reply.status(), body + " → " + reply);
      assertTrue(reply.isProblem(), reply.toString());
    }
    assertEquals(400, Api.post("/api/playlist-configs", "{not json").status());
    String name = Accounts.uniqueName("Twice");
    create("{\"name\":\"%s\"}".formatted(name));
    Reply twice = Api.post("/api/playlist-configs", "{\"name\":\"%s\"}".formatted(name));
    assertEquals(409, twice.status(), twice.toString());
    assertEquals(before + 1, Api.get("/api/playlist-configs").array().size());

    JsonObject config = create("{\"name\":\"%s\"}".formatted(Accounts.uniqueName("Gone")));
    String path = "/api/playlist-configs/" + config.getInt("id");
    Reply replaced =
        Api.put(path, "{\"name\":\"%s\",\"group_by\":\"first_tag\"}".formatted(name + " 2"));
    assertEquals(200, replaced.status(), replaced.toString());
    assertEquals("first_tag", replaced.json().getString("group_by"));
    assertEquals(200, Api.delete(path).status());
    assertEquals(404, Api.get(path).status());
  }

  /** "group-title|tvg-chno" of each entry. */
  static List<String> groupsAndNumbers(List<String> lines) {
    Pattern entry = Pattern.compile("tvg-chno=\"(\\d+)\" group-title=\"([^\"]*)\"");
    return lines.stream()
        .filter(l -> l.startsWith("#EXTINF"))
        .map(
            l -> {
              Matcher m = entry.matcher(l);
              assertTrue(m.find(), l);
              return m.group(2) + "|" + m.group(1);
            })
        .toList();
  }

  @Test
  void channelsCanBeOrderedByGroupAndNumberedFromEachGroupsHundred() {
    JsonObject config =
        create(
            ("{\"name\":\"%s\",\"include_accounts\":[%d],\"order_by\":\"group\","
                    + "\"numbering\":\"group\",\"start_number\":1}")
                .formatted(Accounts.uniqueName("By group"), first));
    assertEquals("group", config.getString("order_by"));
    assertEquals("group", config.getString("numbering"));
    assertEquals(
        List.of(
            "CA| FRANCOPHONE|1",
            "CA| SPORTS|101",
            "FR|201",
            "RU|301",
            "UK| ENTERTAINMENT|401",
            "UK| SPORTS|501",
            "US| NEWS|601",
            "US| NEWS|602",
            "US| SPORTS|701",
            "US| SPORTS|702"),
        groupsAndNumbers(lines(config.getJsonObject("urls").getString("m3u"))));

    // By the provider's number: the lineup's own order (num 1..10).
    JsonObject byNumber =
        create(
            "{\"name\":\"%s\",\"include_accounts\":[%d],\"order_by\":\"number\"}"
                .formatted(Accounts.uniqueName("By number"), first));
    List<String> numbers =
        groupsAndNumbers(lines(byNumber.getJsonObject("urls").getString("m3u"))).stream()
            .map(e -> e.substring(e.lastIndexOf('|') + 1))
            .toList();
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), numbers);

    Reply bad =
        Api.post(
            "/api/playlist-configs",
            "{\"name\":\"%s\",\"order_by\":\"random\"}".formatted(Accounts.uniqueName("Bad")));
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(bad.body().contains("order_by"), bad.body());
  }
}
