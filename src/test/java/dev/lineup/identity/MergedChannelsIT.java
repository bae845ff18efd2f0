package dev.lineup.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Merged channels on real captures: "eternal" and "iris" carry 105 of the same guide ids under
 * different names ("UK: SKY ONE" and "UK SKY 1 HD"); a playlist that merges duplicates lists each
 * of them once, with the first source's stream, and people regroup and split them.
 */
class MergedChannelsIT {
  private static final Pattern ENTRY =
      Pattern.compile("#EXTINF:-1 (?:tvg-id=\"([^\"]*)\")?[^\\n]*\\n(http[^\\n]*)");

  static FakeProvider eternal;
  static FakeProvider iris;
  static long a;
  static long b;
  static String merged;
  static String plain;

  @BeforeAll
  static void setUp() throws Exception {
    eternal = FakeProvider.start("eternal", "merge" + System.nanoTime() % 100000, "pw1");
    iris = FakeProvider.start("iris", "merge" + System.nanoTime() % 100000, "pw2");
    eternal.serveGuide(guide("eternal"));
    iris.serveGuide(guide("iris"));
    a = Accounts.create("Merge eternal", eternal);
    b = Accounts.create("Merge iris", iris);
    for (long account : new long[] {a, b}) {
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    }
    assertEquals(200, Api.post("/api/epg/match").status());
    merged = playlist(true);
    plain = playlist(false);
  }

  @AfterAll
  static void tearDown() {
    Api.delete("/api/accounts/" + a);
    Api.delete("/api/accounts/" + b);
    eternal.close();
    iris.close();
  }

  /** The capture's guide: a channel for each of its guide ids. */
  static String guide(String capture) throws Exception {
    JsonArray streams;
    try (InputStream in =
        MergedChannelsIT.class.getResourceAsStream(
            "/provider/xtream/" + capture + "/get_live_streams.json")) {
      streams =
          Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
              .readArray();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonValue v : streams) {
      JsonValue id = v.asJsonObject().get("epg_channel_id");
      if (id != null && id.getValueType() == JsonValue.ValueType.STRING) {
        String text = ((jakarta.json.JsonString) id).getString();
        if (!text.isBlank() && !text.contains("\"") && !text.contains("<") && !text.contains("&")) {
          ids.add(text);
        }
      }
    }
    StringBuilder xml = new StringBuilder("<tv>\n");
    for (String id : ids) {
      xml.append("<channel id=\"")
          .append(id)
          .append("\"><display-name>")
          .append(id)
          .append("</display-name></channel>\n");
    }
    return xml.append("</tv>\n").toString();
  }

  static String playlist(boolean merge) {
    return playlist(merge, "provider");
  }

  static String playlist(boolean merge, String numbering) {
    Reply created =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName(merge ? "Merged" : "Not merged"))
                .add("include_accounts", Json.createArrayBuilder().add(a).add(b))
                .add("merge_duplicates", merge)
                .add("numbering", numbering)
                .add("apply_filters", false)
                // the provider's stream URLs say which source each entry is (the relay's hide it)
                .add("stream_mode", "redirect")
                .build()
                .toString());
    assertEquals(201, created.status(), created.toString());
    assertEquals(merge, created.json().getBoolean("merge_duplicates"));
    return created.json().getJsonObject("urls").getString("m3u");
  }

  /** tvg-id → stream URLs, in playlist order. */
  static Map<String, List<String>> entries(String url) {
    String m3u = Api.get(url, "*/*").body();
    Map<String, List<String>> byId = new HashMap<>();
    Matcher entry = ENTRY.matcher(m3u);
    while (entry.find()) {
      byId.computeIfAbsent(entry.group(1) == null ? "" : entry.group(1), k -> new ArrayList<>())
          .add(entry.group(2));
    }
    return byId;
  }

  /** A guide id both captures carry, and its channel in each account. */
  static long[] shared() {
    List<Object> ids =
        Db.column(
            "SELECT x.epg_channel_id FROM channels x JOIN channels y"
                + " ON y.epg_channel_id = x.epg_channel_id AND y.account_id = ?"
                + " WHERE x.account_id = ? AND x.epg_channel_id = 'UK: Sky One' LIMIT 1",
            b,
            a);
    String id = ids.isEmpty() ? null : String.valueOf(ids.get(0));
    if (id == null) {
      id =
          String.valueOf(
              Db.column(
                      "SELECT x.epg_channel_id FROM channels x JOIN channels y"
                          + " ON y.epg_channel_id = x.epg_channel_id AND y.account_id = ?"
                          + " WHERE x.account_id = ? AND x.epg_channel_id <> ''"
                          + " ORDER BY x.epg_channel_id LIMIT 1",
                      b,
                      a)
                  .get(0));
    }
    return new long[] {
      Db.number("SELECT MIN(id) FROM channels WHERE account_id = ? AND epg_channel_id = ?", a, id),
      Db.number("SELECT MIN(id) FROM channels WHERE account_id = ? AND epg_channel_id = ?", b, id)
    };
  }

  static String guideIdOf(long channel) {
    return String.valueOf(
        Db.column("SELECT epg_channel_id FROM channels WHERE id = ?", channel).get(0));
  }

  @Test
  void aMergedPlaylistListsEachSharedChannelOnceWithTheFirstSourcesStream() {
    Map<String, List<String>> all = entries(plain);
    Map<String, List<String>> one = entries(merged);
    int plainCount = all.values().stream().mapToInt(List::size).sum();
    int mergedCount = one.values().stream().mapToInt(List::size).sum();
    assertTrue(mergedCount < plainCount - 105, mergedCount + " of " + plainCount);
    one.forEach(
        (id, urls) -> {
          if (!id.isEmpty()) {
            assertEquals(1, urls.size(), "guide channel " + id + " listed once: " + urls);
          }
        });
    long[] pair = shared();
    String id = guideIdOf(pair[0]);
    assertEquals(
        2,
        all.get(id).stream().map(u -> u.contains(":" + iris.port() + "/")).distinct().count(),
        "both accounts carry " + id + " in the plain playlist");
    assertTrue(
        one.get(id).get(0).contains(":" + eternal.port() + "/"), "the first account's stream");

    JsonObject page = Api.get("/api/merged-channels?limit=500").json();
    assertTrue(
        page.getJsonNumber("total").longValue() >= 105, page.getJsonNumber("total").toString());
    JsonObject first = page.getJsonArray("items").getJsonObject(0);
    assertTrue(first.getJsonArray("sources").size() >= 2, first.toString());
    assertEquals(1, first.getJsonArray("sources").getJsonObject(0).getInt("position"));
  }

  /** Every row of a preview of both accounts, paged by cursor: channel id → its JSON. */
  static Map<Long, JsonObject> preview(boolean oneRowEach) {
    Map<Long, JsonObject> rows = new java.util.LinkedHashMap<>();
    String after = null;
    long total = -1;
    do {
      JsonObject page =
          Api.get(
                  "/api/channels/preview?account_ids="
                      + a
                      + ","
                      + b
                      + "&apply_filters=false&limit=500&merged="
                      + oneRowEach
                      + (after == null ? "" : "&after=" + after))
              .json();
      total = page.getJsonNumber("total").longValue();
      for (JsonValue row : page.getJsonArray("channels")) {
        rows.put(row.asJsonObject().getJsonNumber("id").longValue(), row.asJsonObject());
      }
      after = page.isNull("next_after") ? null : page.getString("next_after");
    } while (after != null);
    assertEquals(total, rows.size(), "the total counts the rows the pages hold");
    return rows;
  }

  @Test
  void thePreviewShowsEachMergedChannelOnceWithItsNumberOfSources() {
    long[] pair = shared();
    Map<Long, JsonObject> all = preview(false);
    Map<Long, JsonObject> one = preview(true);
    List<Long> group =
        Db.column(
                "SELECT id FROM channels WHERE is_active AND account_id IN (?, ?) AND merge_key ="
                    + " (SELECT merge_key FROM channels WHERE id = ?)",
                a,
                b,
                pair[0])
            .stream()
            .map(id -> ((Number) id).longValue())
            .toList();
    assertTrue(group.contains(pair[1]) && group.size() >= 2, group.toString());
    for (long source : group) {
      assertTrue(all.containsKey(source), "every source without merging");
      assertFalse(all.get(source).containsKey("sources"), "counted only when merging");
    }
    assertEquals(
        List.of(pair[0]),
        group.stream().filter(one::containsKey).toList(),
        "the first source stands for the merged channel, the others are left out");
    assertEquals(group.size(), one.get(pair[0]).getInt("sources"));
    // The same rows the merged playlist lists
    int listed = entries(merged).values().stream().mapToInt(List::size).sum();
    assertEquals(listed, one.size(), "one row per entry of the merged playlist");
    assertEquals(
        entries(plain).values().stream().mapToInt(List::size).sum(),
        all.size(),
        "and every channel without merging");
  }

  /** The stream URL and tvg-chno of the playlist's entry with this tvg-id. */
  static String[] entry(String url, String tvgId) {
    Matcher m =
        Pattern.compile(
                "#EXTINF:-1 tvg-id=\""
                    + Pattern.quote(tvgId)
                    + "\"[^\\n]*?tvg-chno=\"(\\d+)\"[^\\n]*\\n(http[^\\n]*)")
            .matcher(Api.get(url, "*/*").body());
    assertTrue(m.find(), "the playlist lists " + tvgId);
    String[] found = {m.group(2), m.group(1)};
    assertTrue(!m.find(), tvgId + " listed once");
    return found;
  }

  @Test
  void aMergedChannelKeepsItsPinnedNumberWhenAnotherSourceComesFirst() {
    long[] pair = shared();
    String id = guideIdOf(pair[0]);
    String pinned = playlist(true, "pinned");
    String[] before = entry(pinned, id);
    assertTrue(before[0].contains(":" + eternal.port() + "/"), before[0]);
    try {
      assertEquals(
          200,
          Api.put("/api/merged-channels", "{\"sources\": [" + pair[1] + ", " + pair[0] + "]}")
              .status());
      String[] after = entry(pinned, id);
      assertTrue(after[0].contains(":" + iris.port() + "/"), "the other source now: " + after[0]);
      assertEquals(before[1], after[1], "the merged channel's number stays");
    } finally {
      Api.put("/api/merged-channels", "{\"sources\": [" + pair[0] + ", " + pair[1] + "]}");
    }
  }

  @Test
  void peopleReorderAndSplitSourcesAndTheirChoiceHoldsThroughASync() {
    long[] pair = shared();
    String id = guideIdOf(pair[0]);
    Reply grouped =
        Api.put("/api/merged-channels", "{\"sources\": [" + pair[1] + ", " + pair[0] + "]}");
    assertEquals(200, grouped.status(), grouped.toString());
    JsonArray sources = grouped.json().getJsonArray("sources");
    assertEquals(pair[1], sources.getJsonObject(0).getJsonNumber("channel_id").longValue());
    assertTrue(sources.getJsonObject(0).getBoolean("by_person"));
    assertTrue(
        entries(merged).get(id).get(0).contains(":" + iris.port() + "/"),
        "the person's first source");

    assertTrue(Api.post("/api/accounts/" + a + "/sync?force=true").json().getBoolean("success"));
    assertTrue(
        entries(merged).get(id).get(0).contains(":" + iris.port() + "/"), "kept through a sync");

    assertEquals(200, Api.delete("/api/merged-channels/" + pair[1]).status());
    List<String> split = entries(merged).get(id);
    assertTrue(split.stream().anyMatch(u -> u.contains(":" + iris.port() + "/")), split.toString());
    assertTrue(
        split.stream().anyMatch(u -> u.contains(":" + eternal.port() + "/")), split.toString());

    // Together again, in the accounts' order (the other tests use this pair)
    assertEquals(
        200,
        Api.put("/api/merged-channels", "{\"sources\": [" + pair[0] + ", " + pair[1] + "]}")
            .status());
    assertEquals(1, entries(merged).get(id).size());
  }

  @Test
  void badGroupsAreProblemsNamingTheFieldAndChangeNothing() {
    long[] pair = shared();
    String before = Db.checksum("channel_merges");
    Reply itself =
        Api.put("/api/merged-channels", "{\"sources\": [" + pair[0] + ", " + pair[0] + "]}");
    assertEquals(422, itself.status(), itself.toString());
    assertTrue(itself.body().contains("itself"), itself.body());
    assertEquals(422, Api.put("/api/merged-channels", "{\"sources\": [" + pair[0] + "]}").status());
    Reply unknown = Api.put("/api/merged-channels", "{\"sources\": [" + pair[0] + ", 999999999]}");
    assertEquals(422, unknown.status(), unknown.toString());
    assertTrue(unknown.body().contains("999999999"), unknown.body());
    assertEquals(422, Api.put("/api/merged-channels", "{\"sources\": \"1,2\"}").status());
    assertEquals(404, Api.delete("/api/merged-channels/999999999").status());
    assertEquals(400, Api.get("/api/merged-channels?limit=0").status());
    assertEquals(before, Db.checksum("channel_merges"));
  }
}
