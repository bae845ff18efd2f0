package dev.lineup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters through HTTP: validation, and the stored pass flag following every change. */
class FiltersIT {
  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    Api.post("/api/rulesets/create-default");
    provider = FakeProvider.start();
    // 100 channels "US: Channel n HD" in categories "US| Category 1..5"; 11..20 are "UK| ..."
    // names.
    provider.serve(
        Channels.categories(5),
        Channels.streams(
            1, 100, 5, id -> (id > 10 && id <= 20 ? "UK| Channel " : "US: Channel ") + id + " HD"));
    account = Accounts.create("Filters", provider);
    assertEquals(200, Api.post("/api/accounts/" + account + "/sync").status());
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  long passing() {
    return Db.number(
        "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters",
        account);
  }

  static String filter(String name, String type, String action, String value) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("filter_type", type)
        .add("filter_action", action)
        .add("filter_value", value)
        .build()
        .toString();
  }

  @Test
  void everyChangeOfTheFiltersIsReflectedInWhichChannelsPass() {
    assertEquals(100, passing());
    Reply created =
        Api.post(
            "/api/accounts/" + account + "/filters",
            filter("No UK", "regex", "blacklist", "^UK\\|"));
    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    assertEquals(account, created.json().getJsonNumber("account_id").longValue());
    assertEquals(90, passing());
    assertEquals(
        90, Api.get("/api/accounts/" + account + "/sync/status").json().getInt("passing_channels"));

    Reply tagFilter =
        Api.post(
            "/api/filters",
            filter("Only UK", "tag", "whitelist", "uk")
                .replace("{", "{\"account_id\":" + account + ","));
    assertEquals(201, tagFilter.status(), tagFilter::toString);
    assertEquals(0, passing(), "every filter must pass: UK-tagged, and not named UK|");

    assertEquals(200, Api.patch("/api/filters/" + id, "{\"enabled\": false}").status());
    assertEquals(10, passing(), "the tag filter alone keeps the 10 UK channels");

    Reply category =
        Api.post(
            "/api/accounts/" + account + "/filters",
            filter("Cat 2", "category", "whitelist", "category 2"));
    assertEquals(201, category.status(), category::toString);
    assertEquals(2, passing(), "UK channels 11 and 16 are in category 2");

    for (var f : Api.get("/api/accounts/" + account + "/filters").array()) {
      assertEquals(200, Api.delete("/api/filters/" + f.asJsonObject().getInt("id")).status());
    }
    assertEquals(100, passing());
    assertTrue(Api.get("/api/filters?account_id=" + account).array().isEmpty());
  }

  @Test
  void aSyncEvaluatesFiltersForNewChannels() {
    Api.post(
        "/api/accounts/" + account + "/filters",
        filter("No 101+", "channel_name", "blacklist", "Channel 10"));
    long before = passing();
    provider.serve(Channels.categories(5), Channels.streams(1, 120));
    assertEquals(200, Api.post("/api/accounts/" + account + "/sync").status());
    assertEquals(
        120,
        Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active", account));
    assertTrue(
        passing() < before + 20, "new channels named 'Channel 10x' do not pass: " + passing());
  }

  @Test
  void invalidFiltersAreRejectedAndNeverStored() {
    long before = Db.number("SELECT COUNT(*) FROM filters");
    String[][] cases = {
      {filter("Bad", "regex", "whitelist", "([unclosed"), "filter_value"},
      {filter("Bad", "glob", "whitelist", "x"), "filter_type"},
      {filter("Bad", "category", "greylist", "x"), "filter_action"},
      {filter("Bad", "tag", "whitelist", " , !"), "filter_value"},
      {filter("", "category", "whitelist", "x"), "name"}
    };
    for (String[] c : cases) {
      Reply reply = Api.post("/api/accounts/" + account + "/filters", c[0]);
      assertEquals(422, reply.status(), c[0] + " -> " + reply);
      assertTrue(
          reply.json().getJsonArray("errors").toString().contains("\"field\":\"" + c[1] + "\""),
          reply::toString);
    }
    assertEquals(
        404,
        Api.post("/api/accounts/987654321/filters", filter("x", "category", "whitelist", "x"))
            .status());
    assertEquals(
        422,
        Api.post("/api/filters", filter("x", "category", "whitelist", "x")).status(),
        "account_id missing");
    assertEquals(404, Api.get("/api/filters/987654321").status());
    assertEquals(before, Db.number("SELECT COUNT(*) FROM filters"));
  }
}
