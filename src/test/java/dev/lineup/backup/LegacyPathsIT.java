package dev.lineup.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The legacy tool's paths that scripts still call: an account's categories and stats from the
 * database (no side effect on tags), and {@code tag_match_mode} as tag_match's other name.
 */
class LegacyPathsIT {
  @Test
  void categoriesAndStatsComeFromTheDatabaseWithChannelCountsAndTouchNoTag() {
    Api.post("/api/rulesets/create-default");
    try (FakeProvider provider = FakeProvider.start()) {
      // 30 channels in 3 categories (id % 3 + 1), the fourth category empty.
      provider.serve(
          Channels.categories(4), Channels.streams(1, 30, 3, id -> "US: Channel " + id + " HD"));
      long account = Accounts.create("Legacy paths", provider);
      assertEquals(200, Api.post("/api/accounts/" + account + "/sync").status());
      String tagsBefore = Api.get("/api/accounts/" + account + "/tags").body();

      Reply categories = Api.get("/api/accounts/" + account + "/categories");
      assertEquals(200, categories.status(), categories::toString);
      List<JsonObject> list = categories.array().getValuesAs(JsonObject.class);
      assertEquals(
          List.of("US| Category 1", "US| Category 2", "US| Category 3", "US| Category 4"),
          list.stream().map(c -> c.getString("name")).toList());
      assertEquals(
          List.of(10, 10, 10, 0), list.stream().map(c -> c.getInt("channel_count")).toList());
      assertEquals("1", list.get(0).getString("category_id"));
      assertTrue(list.stream().allMatch(c -> c.getBoolean("active")));

      Reply stats = Api.get("/api/accounts/" + account + "/stats");
      assertEquals(200, stats.status(), stats::toString);
      JsonObject s = stats.json();
      assertEquals(30, s.getInt("channel_count"));
      assertEquals(4, s.getInt("category_count"));
      assertEquals(30, s.getInt("passing_channels"));
      assertEquals(30, s.getInt("tagged_channels"), "US and HD on every channel");
      assertEquals(2, s.getInt("tag_count"));
      assertTrue(s.getBoolean("synced"));
      assertEquals(
          tagsBefore, Api.get("/api/accounts/" + account + "/tags").body(), "no tag rebuilt");
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aLegacyScriptsTagMatchModeIsTagMatch() {
    String name = Accounts.uniqueName("Legacy match");
    Reply created =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", name)
                .add("tag_match_mode", "all")
                .add("include_tags", "US,HD")
                .build()
                .toString());
    assertEquals(201, created.status(), created::toString);
    assertEquals("all", created.json().getString("tag_match"), "not silently any");
    long id = created.json().getJsonNumber("id").longValue();
    Reply wrong =
        Api.put(
            "/api/playlist-configs/" + id,
            Json.createObjectBuilder()
                .add("name", name)
                .add("tag_match_mode", "most")
                .build()
                .toString());
    assertEquals(422, wrong.status(), wrong::toString);
    assertEquals(
        "tag_match_mode", wrong.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Reply both =
        Api.put(
            "/api/playlist-configs/" + id,
            Json.createObjectBuilder()
                .add("name", name)
                .add("tag_match", "any")
                .add("tag_match_mode", "all")
                .build()
                .toString());
    assertEquals("any", both.json().getString("tag_match"), "tag_match wins over its legacy name");
    Api.delete("/api/playlist-configs/" + id);
  }
}
