package dev.lineup.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Rulesets, tag rules, their validation, account assignment and the dry run, through HTTP. */
class RulesetsIT {

  static long createRuleset(String prefix) {
    Reply reply =
        Api.post(
            "/api/rulesets",
            "{\"name\":\"%s\",\"description\":\"test\"}".formatted(Accounts.uniqueName(prefix)));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  static String rule(String pattern, String type, String tag) {
    return Json.createObjectBuilder()
        .add("name", "rule " + tag)
        .add("pattern", pattern)
        .add("pattern_type", type)
        .add("tag_name", tag)
        .build()
        .toString();
  }

  @Test
  void createDefaultIsIdempotentAndHoldsTheLegacyRules() {
    Reply first = Api.post("/api/rulesets/create-default");
    assertTrue(first.status() == 201 || first.status() == 200, first::toString);
    long id = first.json().getJsonNumber("id").longValue();
    assertEquals("Default", first.json().getString("name"));
    assertTrue(first.json().getBoolean("is_default"));
    assertEquals(22, first.json().getInt("rule_count"));

    Reply again = Api.post("/api/rulesets/create-default");
    assertEquals(200, again.status());
    assertEquals(id, again.json().getJsonNumber("id").longValue());
    assertEquals(22, Api.get("/api/rulesets/" + id + "/rules").array().size());
  }

  @Test
  void dryRunShowsTagsAndCleanedNameOfTheGoldenExamples() {
    long id = Api.post("/api/rulesets/create-default").json().getJsonNumber("id").longValue();
    Reply reply =
        Api.post(
            "/api/rulesets/" + id + "/test",
            "{\"channel_name\":\"US: CBS 11 DALLAS TX (KTVT) HD\",\"category_name\":\"US| NEWS ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ\"}");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("CBS 11 DALLAS TX KTVT", reply.json().getString("cleaned_name"));
    assertEquals(
        new TreeSet<>(List.of("US", "NEWS", "HD", "RAW", "60FPS", "KTVT")),
        new TreeSet<>(
            reply
                .json()
                .getJsonArray("tags")
                .getValuesAs(v -> ((jakarta.json.JsonString) v).getString())));
    assertFalse(reply.json().getJsonArray("matched_rules").isEmpty());
  }

  @Test
  void dryRunCountsEachRulesHitsOnAnAccountsChannels() {
    long id = Api.post("/api/rulesets/create-default").json().getJsonNumber("id").longValue();
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Hits", provider);
      assertEquals(200, Api.post("/api/accounts/" + account + "/sync").status());
      Reply reply = Api.post("/api/rulesets/" + id + "/test", "{\"account_id\": " + account + "}");
      assertEquals(200, reply.status(), reply::toString);
      JsonObject hits = reply.json().getJsonObject("hits");
      assertEquals(2607, hits.getInt("channels"));
      long total =
          hits.getJsonArray("rules").stream().mapToLong(r -> r.asJsonObject().getInt("hits")).sum();
      assertTrue(total > 0, hits::toString);
    }
  }

  @Test
  void rulesetCrudWithConflictsAndCascade() {
    String name = Accounts.uniqueName("Mine");
    Reply created = Api.post("/api/rulesets", "{\"name\":\"%s\"}".formatted(name));
    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    assertEquals(409, Api.post("/api/rulesets", "{\"name\":\"%s\"}".formatted(name)).status());

    Reply added = Api.post("/api/rulesets/" + id + "/rules", rule("ESPN", "contains", "SPORTS"));
    assertEquals(201, added.status(), added::toString);
    long rule = added.json().getJsonNumber("id").longValue();
    assertEquals("both", added.json().getString("source"));
    assertTrue(added.json().getBoolean("remove_from_name"));

    Reply patched = Api.patch("/api/rulesets/" + id, "{\"enabled\": false, \"priority\": 5}");
    assertEquals(200, patched.status(), patched::toString);
    assertFalse(patched.json().getBoolean("enabled"));
    assertEquals(name, patched.json().getString("name"));

    JsonObject full = Api.get("/api/rulesets/" + id).json();
    assertEquals(1, full.getJsonArray("rules").size());

    assertEquals(200, Api.delete("/api/rulesets/" + id).status());
    assertEquals(404, Api.get("/api/rulesets/" + id).status());
    assertEquals(404, Api.get("/api/tag-rules/" + rule).status(), "rules go with their ruleset");
  }

  @Test
  void invalidRulesAreRejectedAndNeverStored() {
    long id = createRuleset("Invalid");
    long before = Db.number("SELECT COUNT(*) FROM tag_rules");
    List<String[]> cases =
        List.of(
            new String[] {rule("([unclosed", "regex", "X1"), "pattern"},
            new String[] {rule("x", "glob", "X1"), "pattern_type"},
            new String[] {rule("x", "contains", "!"), "tag_name"},
            new String[] {rule("x", "contains", "__CAPTURE__"), "tag_name"},
            new String[] {rule("no group", "regex", "__CAPTURE__"), "tag_name"},
            new String[] {
              "{\"name\":\"r\",\"pattern\":\"x\",\"pattern_type\":\"contains\",\"tag_name\":\"XX\",\"source\":\"title\"}",
              "source"
            },
            new String[] {"{\"pattern\":\"x\"}", "name"});
    for (String[] c : cases) {
      Reply reply = Api.post("/api/rulesets/" + id + "/rules", c[0]);
      assertEquals(422, reply.status(), c[0] + " -> " + reply);
      assertTrue(reply.isProblem());
      assertTrue(
          reply.json().getJsonArray("errors").toString().contains("\"field\":\"" + c[1] + "\""),
          reply::toString);
    }
    Reply missingRuleset =
        Api.post(
            "/api/tag-rules",
            rule("x", "contains", "XX").replace("{", "{\"ruleset_id\":987654321,"));
    assertEquals(404, missingRuleset.status(), missingRuleset::toString);
    assertEquals(400, Api.post("/api/rulesets/" + id + "/rules", "{oops").status());
    assertEquals(before, Db.number("SELECT COUNT(*) FROM tag_rules"), "nothing stored");
  }

  @Test
  void tagRulesCanBeEditedById() {
    long id = createRuleset("Edit");
    Reply created =
        Api.post(
            "/api/tag-rules",
            rule("HD", "suffix", "HD").replace("{", "{\"ruleset_id\":" + id + ","));
    assertEquals(201, created.status(), created::toString);
    long rule = created.json().getJsonNumber("id").longValue();
    Reply patched =
        Api.patch("/api/tag-rules/" + rule, "{\"priority\": 7, \"replacement\": \" \"}");
    assertEquals(200, patched.status(), patched::toString);
    assertEquals(7, patched.json().getInt("priority"));
    assertEquals(" ", patched.json().getString("replacement"));
    assertEquals("suffix", patched.json().getString("pattern_type"));
    assertEquals(
        422,
        Api.patch("/api/tag-rules/" + rule, "{\"pattern_type\": \"regex\", \"pattern\": \"(\"}")
            .status());
    assertEquals(1, Api.get("/api/tag-rules?ruleset_id=" + id).array().size());
    assertEquals(200, Api.delete("/api/tag-rules/" + rule).status());
    assertEquals(404, Api.delete("/api/tag-rules/" + rule).status());
  }

  @Test
  void accountsUseTheirAssignedRulesetsElseTheDefaults() {
    Api.post("/api/rulesets/create-default");
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Assign", provider);
      JsonObject none = Api.get("/api/accounts/" + account + "/rulesets").json();
      assertTrue(none.getBoolean("uses_defaults"));
      assertTrue(
          none.getJsonArray("effective").stream()
              .anyMatch(e -> e.asJsonObject().getString("name").equals("Default")));

      long mine = createRuleset("Assigned");
      Reply assigned =
          Api.post(
              "/api/accounts/" + account + "/rulesets",
              "{\"ruleset_id\": " + mine + ", \"priority\": 5}");
      assertEquals(200, assigned.status(), assigned::toString);
      assertFalse(assigned.json().getBoolean("uses_defaults"));
      JsonValue only = assigned.json().getJsonArray("effective").get(0);
      assertEquals(mine, only.asJsonObject().getJsonNumber("ruleset_id").longValue());
      assertEquals(5, only.asJsonObject().getInt("priority"), "the assignment's priority");

      // A disabled assignment is no assignment: the defaults apply, as in tag processing.
      Api.patch("/api/rulesets/" + mine, "{\"enabled\": false}");
      JsonObject disabled = Api.get("/api/accounts/" + account + "/rulesets").json();
      assertTrue(disabled.getBoolean("uses_defaults"), disabled::toString);
      assertTrue(
          disabled.getJsonArray("effective").stream()
              .anyMatch(e -> e.asJsonObject().getString("name").equals("Default")),
          disabled::toString);
      Api.patch("/api/rulesets/" + mine, "{\"enabled\": true}");

      assertEquals(
          404,
          Api.post("/api/accounts/" + account + "/rulesets", "{\"ruleset_id\": 987654321}")
              .status());
      assertEquals(200, Api.delete("/api/accounts/" + account + "/rulesets/" + mine).status());
      assertEquals(404, Api.delete("/api/accounts/" + account + "/rulesets/" + mine).status());
      assertTrue(
          Api.get("/api/accounts/" + account + "/rulesets").json().getBoolean("uses_defaults"));
    }
  }
}
