package dev.lineup.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tag processing (after sync, on demand, from the provider when unsynced) and the tags API. */
class TagProcessingIT {
  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    Api.post("/api/rulesets/create-default");
    provider = FakeProvider.start();
    Channels.serveGolden(provider);
    account = Accounts.create("Tags", provider);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static long count(JsonArray tags, String name) {
    return tags.stream()
        .map(t -> t.asJsonObject())
        .filter(t -> t.getString("name").equals(name))
        .mapToLong(t -> t.getInt("channel_count"))
        .findFirst()
        .orElse(0);
  }

  @Test
  void aSyncTagsTheLineupAndStoresCleanedNames() {
    Reply sync = Api.post("/api/accounts/" + account + "/sync");
    assertEquals(200, sync.status(), sync::toString);
    JsonObject tagging = sync.json().getJsonObject("tagging");
    assertTrue(tagging.getBoolean("success"), sync::toString);
    assertTrue(tagging.getBoolean("using_database"));
    assertEquals(4, tagging.getInt("processed"));

    JsonArray tags = Api.get("/api/accounts/" + account + "/tags").array();
    assertEquals(4, count(tags, "US"));
    assertEquals(3, count(tags, "HD"));
    assertEquals(2, count(tags, "NEWS"));
    assertEquals(1, count(tags, "TWIN_FALLS_ID"));
    assertEquals(1, count(tags, "KTVT"));
    assertEquals(
        "CBS 11 DALLAS TX KTVT",
        Db.column(
                "SELECT cleaned_name FROM channels WHERE account_id = ? AND stream_id = '502'",
                account)
            .get(0));
    assertEquals(
        "CNN",
        Db.column(
                "SELECT cleaned_name FROM channels WHERE account_id = ? AND stream_id = '503'",
                account)
            .get(0));
  }

  @Test
  void processingAgainChangesNothingAndAChangedRulesetRemovesStaleTags() {
    Api.post("/api/accounts/" + account + "/sync");
    Reply again = Api.post("/api/accounts/" + account + "/process-tags");
    assertEquals(200, again.status(), again::toString);
    JsonObject result = again.json();
    assertTrue(result.getBoolean("using_database"));
    assertEquals(0, result.getInt("tags_created"));
    assertEquals(0, result.getInt("tags_removed"));
    assertEquals(0, result.getInt("channels_updated"));
    assertTrue(result.getInt("tags_updated") > 0);
    assertEquals(3, result.getJsonObject("tag_counts").getInt("HD"));

    // The seed's test 7: switch the account to another ruleset; the old tags must go.
    Reply ruleset =
        Api.post("/api/rulesets", "{\"name\":\"%s\"}".formatted(Accounts.uniqueName("Only CNN")));
    long only = ruleset.json().getJsonNumber("id").longValue();
    Api.post(
        "/api/rulesets/" + only + "/rules",
        "{\"name\":\"cnn\",\"pattern\":\"CNN\",\"pattern_type\":\"contains\",\"tag_name\":\"CABLE NEWS\",\"remove_from_name\":false}");
    Api.post("/api/accounts/" + account + "/rulesets", "{\"ruleset_id\": " + only + "}");
    JsonObject switched = Api.post("/api/accounts/" + account + "/process-tags").json();
    assertEquals(1, switched.getInt("tags_created"), switched::toString);
    assertTrue(switched.getInt("tags_removed") >= 10, switched::toString);
    JsonArray tags = Api.get("/api/accounts/" + account + "/tags").array();
    assertEquals(1, tags.size(), tags::toString);
    assertEquals("CABLE_NEWS", tags.getJsonObject(0).getString("name"));
    assertEquals(
        "US| CNN HD",
        Db.column(
                "SELECT cleaned_name FROM channels WHERE account_id = ? AND stream_id = '503'",
                account)
            .get(0),
        "no removal: the cleaned name is the name again");
  }

  @Test
  void anUnsyncedAccountIsTaggedFromTheProviderWithoutStoring() {
    Reply reply = Api.post("/api/accounts/" + account + "/process-tags");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject result = reply.json();
    assertFalse(result.getBoolean("using_database"));
    assertEquals(4, result.getInt("processed"));
    assertEquals(4, result.getJsonObject("tag_counts").getInt("US"));
    assertTrue(Api.get("/api/accounts/" + account + "/tags").array().isEmpty());
  }

  @Test
  void tagsCanBeListedAcrossAccountsAndSearched() {
    Api.post("/api/accounts/" + account + "/sync");
    JsonArray all = Api.get("/api/tags").array();
    assertTrue(all.stream().anyMatch(t -> t.asJsonObject().getString("name").equals("KTVT")));
    assertFalse(all.getJsonObject(0).containsKey("channel_count"));
    JsonArray counted = Api.get("/api/tags?account_id=" + account + "&with_counts=true").array();
    assertEquals(1, count(counted, "PRIME"));

    JsonArray found = Api.get("/api/accounts/" + account + "/tags/search?q=twin&limit=5").array();
    assertEquals(1, found.size(), found::toString);
    assertEquals("TWIN_FALLS_ID", found.getJsonObject(0).getString("name"));
    assertTrue(Api.get("/api/accounts/" + account + "/tags/search?q=zzz").array().isEmpty());

    assertEquals(404, Api.get("/api/tags?account_id=987654321").status());
    assertEquals(400, Api.get("/api/tags?with_counts=perhaps").status());
    assertEquals(404, Api.get("/api/accounts/987654321/tags").status());
    assertEquals(404, Api.post("/api/accounts/987654321/process-tags").status());
    assertEquals(400, Api.get("/api/accounts/" + account + "/tags/search?q=a&limit=0").status());
  }
}
