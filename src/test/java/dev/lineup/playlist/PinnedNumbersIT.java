package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pinned numbers: given once per channel and playlist, kept through every change of the lineup. */
class PinnedNumbersIT {
  private static final Pattern ENTRY =
      Pattern.compile("#EXTINF:-1 .*tvg-chno=\"(\\d+)\".*,(.*)\\n.*/(\\d+)\\.ts");

  FakeProvider provider;
  long account;
  JsonObject playlist;
  String m3u;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      ids.add(i);
    }
    serve(ids, Set.of());
    account = Accounts.create("Pinned", provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    Reply created =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("Pinned"))
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .add("numbering", "pinned")
                .add("group_by", "category")
                .add("order_by", "group")
                // the provider's stream URLs name each entry's channel (stream_id) for the checks
                .add("stream_mode", "redirect")
                .build()
                .toString());
    assertEquals(201, created.status(), created.toString());
    playlist = created.json();
    m3u = playlist.getJsonObject("urls").getString("m3u");
  }

  @AfterEach
  void tearDown() {
    Api.delete("/api/playlist-configs/" + playlist.getInt("id"));
    Api.delete("/api/accounts/" + account);
    provider.close();
  }

  /** Channels {@code ids} (odd ones in "Sports", even ones in "News"), some renamed. */
  void serve(List<Integer> ids, Set<Integer> renamed) {
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int id : ids) {
      streams.add(
          Json.createObjectBuilder()
              .add("stream_id", id)
              .add("num", 1000 - id) // the provider's own numbers, which pinned ones ignore
              .add("name", (renamed.contains(id) ? "Renamed " : "Channel ") + id)
              .add("category_id", id % 2 == 1 ? "1" : "2"));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"Sports\"},"
            + "{\"category_id\":\"2\",\"category_name\":\"News\"}]",
        streams.build().toString());
  }

  /** Stream id → number, from the playlist as players get it. */
  Map<Integer, Integer> numbers() {
    Reply reply = Api.get(m3u, "*/*");
    assertEquals(200, reply.status(), reply.toString());
    Map<Integer, Integer> numbers = new HashMap<>();
    Matcher entry = ENTRY.matcher(reply.body());
    while (entry.find()) {
      numbers.put(Integer.valueOf(entry.group(3)), Integer.valueOf(entry.group(1)));
    }
    return numbers;
  }

  @Test
  void numbersStayWhenTenPercentLeaveFivePercentArriveAndTheListIsReordered() {
    Map<Integer, Integer> first = numbers();
    assertEquals(150, first.size());
    // The first time, each group counts up from its own hundred: News (even ids) first by name.
    Set<Integer> news = new HashSet<>();
    Set<Integer> sports = new HashSet<>();
    first.forEach((id, n) -> (id % 2 == 0 ? news : sports).add(n));
    assertEquals(range(1, 75), news, first.toString());
    assertEquals(range(101, 175), sports, first.toString());

    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      if (i % 10 != 3) { // 15 leave (10 %)
        ids.add(i);
      }
    }
    for (int i = 151; i <= 158; i++) {
      ids.add(i); // 8 arrive (5 %), in both groups
    }
    Collections.shuffle(ids, new Random(7)); // the provider reorders its list
    serve(ids, Set.of(4, 5, 50, 51)); // and renames a few
    JsonObject run = Api.post("/api/accounts/" + account + "/sync?force=true").json();
    assertTrue(run.getBoolean("success"), run.toString());

    Map<Integer, Integer> second = numbers();
    assertEquals(143, second.size());
    for (int id : ids) {
      if (id <= 150) {
        assertEquals(first.get(id), second.get(id), "channel " + id + " kept its number");
      }
    }
    assertEquals(143, new HashSet<>(second.values()).size(), "no number twice");
    // New channels take the next free numbers of their group's hundred; numbers that left stay
    // theirs.
    assertEquals(
        range(76, 79),
        Set.of(second.get(152), second.get(154), second.get(156), second.get(158)),
        second.toString());
    assertEquals(
        range(176, 179),
        Set.of(second.get(151), second.get(153), second.get(155), second.get(157)),
        second.toString());
  }

  static Set<Integer> range(int from, int to) {
    Set<Integer> numbers = new HashSet<>();
    for (int n = from; n <= to; n++) {
      numbers.add(n);
    }
    return numbers;
  }

  @Test
  void aPersonSetsANumberAndEveryOutputShowsIt() {
    numbers();
    long channel =
        Db.number("SELECT id FROM channels WHERE account_id = ? AND stream_id = '7'", account);
    String path = "/api/playlist-configs/" + playlist.getInt("id") + "/numbers/" + channel;
    Reply set = Api.put(path, "{\"number\": 777}");
    assertEquals(200, set.status(), set.toString());
    assertEquals(777, set.json().getInt("number"));
    assertEquals(777, numbers().get(7));

    // A new Sports channel still takes a number in Sports' hundred, not next to the person's 777.
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= 151; i++) {
      ids.add(i);
    }
    serve(ids, Set.of());
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    int fresh = numbers().get(151);
    assertTrue(fresh >= 101 && fresh <= 176, "channel 151 in Sports' hundred: " + fresh);

    JsonObject hdhr =
        Api.get(playlist.getJsonObject("urls").getString("hdhr") + "lineup.json", "*/*")
            .array()
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("GuideName").equals("Channel 7"))
            .findFirst()
            .orElseThrow();
    assertEquals("777", hdhr.getString("GuideNumber"));

    // Taken, out of range, missing, not pinned, not in the playlist: refused, nothing changes.
    long other =
        Db.number("SELECT id FROM channels WHERE account_id = ? AND stream_id = '9'", account);
    Reply taken =
        Api.put(
            "/api/playlist-configs/" + playlist.getInt("id") + "/numbers/" + other,
            "{\"number\": 777}");
    assertEquals(409, taken.status(), taken.toString());
    assertEquals("number", taken.json().getString("field"), taken.body());
    assertEquals(422, Api.put(path, "{\"number\": 0}").status());
    assertEquals(422, Api.put(path, "{}").status());
    assertEquals(
        404,
        Api.put(
                "/api/playlist-configs/" + playlist.getInt("id") + "/numbers/999999999",
                "{\"number\": 5}")
            .status());
    try (FakeProvider elsewhere = FakeProvider.start()) {
      long outsider = Accounts.create("Not in the playlist", elsewhere);
      assertTrue(Api.post("/api/accounts/" + outsider + "/sync").json().getBoolean("success"));
      long stranger = Db.number("SELECT MIN(id) FROM channels WHERE account_id = ?", outsider);
      Reply notIn =
          Api.put(
              "/api/playlist-configs/" + playlist.getInt("id") + "/numbers/" + stranger,
              "{\"number\": 5}");
      assertEquals(422, notIn.status(), notIn.toString());
      assertTrue(notIn.body().contains("channel_id"), notIn.body());
      Api.delete("/api/accounts/" + outsider);
    }
    JsonObject plain = Accounts.playlistOf("Not pinned", "redirect", account);
    Reply notPinned =
        Api.put(
            "/api/playlist-configs/" + plain.getInt("id") + "/numbers/" + channel,
            "{\"number\": 5}");
    assertEquals(409, notPinned.status(), notPinned.toString());
    Api.delete("/api/playlist-configs/" + plain.getInt("id"));
    assertEquals(777, numbers().get(7));
    assertNotNull(numbers().get(9));
  }
}
