package dev.lineup.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-account and cross-account preview: both paths, pages, filters, tags and search. */
public class PreviewIT {
  /** name, category (the default ruleset tags country prefixes, quality marks and genres). */
  public static final String[][] LINEUP = {
    {"US: ESPN ᴴᴰ", "US| SPORTS"},
    {"US: ESPN 2 ᴿᴬᵂ", "US| SPORTS"},
    {"US: CNN HD", "US| NEWS"},
    {"US: Fox News", "US| NEWS"},
    {"UK: Sky Sports Main Event FHD", "UK| SPORTS"},
    {"UK: BBC One", "UK| ENTERTAINMENT"},
    {"CA: Télé-Québec", "CA| FRANCOPHONE"},
    {"CA: TSN 4K", "CA| SPORTS"},
    {"ДОМ КИНО", "RU"},
    {"Canal+ Sport 1", "FR"},
  };

  FakeProvider provider;

  @BeforeEach
  void setUp() {
    Api.post("/api/rulesets/create-default");
    provider = FakeProvider.start();
    provider.serve(categories(), streams(LINEUP.length));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  public static String categories() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    Set<String> seen = new HashSet<>();
    for (String[] channel : LINEUP) {
      if (seen.add(channel[1])) {
        list.add(
            Json.createObjectBuilder()
                .add("category_id", "c-" + channel[1])
                .add("category_name", channel[1]));
      }
    }
    return list.build().toString();
  }

  /** The first {@code count} channels of the lineup. */
  public static String streams(int count) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      list.add(
          Json.createObjectBuilder()
              .add("num", i + 1)
              .add("name", LINEUP[i][0])
              .add("stream_id", 100 + i)
              .add("stream_icon", i % 2 == 0 ? "http://logos.example/" + i + ".png" : "")
              .add("category_id", "c-" + LINEUP[i][1]));
    }
    return list.build().toString();
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Syncs the account and waits until its search documents are written. */
  public static void syncAndIndex(long account) {
    Reply sync = Api.post("/api/accounts/" + account + "/sync?force=true");
    assertEquals(200, sync.status(), sync.toString());
    assertTrue(sync.json().getBoolean("success"), sync.toString());
    Accounts.awaitSearchIndex(account, 20);
  }

  static JsonObject preview(long account, String query) {
    Reply reply = Api.get("/api/accounts/" + account + "/preview?" + query);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  static JsonObject across(String query) {
    Reply reply = Api.get("/api/channels/preview?" + query);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  static List<String> names(JsonObject page) {
    List<String> names = new ArrayList<>();
    for (JsonValue channel : page.getJsonArray("channels")) {
      names.add(channel.asJsonObject().getString("name"));
    }
    return names;
  }

  static Set<String> nameSet(JsonObject page) {
    return new HashSet<>(names(page));
  }

  @Test
  void anUnsyncedAccountPreviewsTheProvidersLiveListTaggedAndFiltered() {
    long account = Accounts.create("Preview live", provider);
    JsonObject page = preview(account, "limit=3");
    assertFalse(page.getBoolean("using_database"));
    assertEquals(LINEUP.length, page.getInt("total"));
    assertEquals(3, page.getInt("showing"));
    assertTrue(page.getBoolean("has_more"));
    // The provider's order: nothing is stored to sort by.
    assertEquals(List.of("US: ESPN ᴴᴰ", "US: ESPN 2 ᴿᴬᵂ", "US: CNN HD"), names(page));
    JsonObject espn = page.getJsonArray("channels").getJsonObject(0);
    assertTrue(espn.isNull("id"));
    assertEquals("100", espn.getString("stream_id"));
    assertEquals("ESPN", espn.getString("cleaned_name"));
    assertEquals("US| SPORTS", espn.getString("category"));
    assertEquals("http://logos.example/0.png", espn.getString("icon"));
    assertTrue(espn.getJsonArray("tags").toString().contains("\"US\""), espn.toString());
    assertTrue(espn.getBoolean("is_active"));

    JsonObject last = preview(account, "limit=3&offset=9");
    assertEquals(List.of("Canal+ Sport 1"), names(last));
    assertFalse(last.getBoolean("has_more"));

    assertEquals(Set.of("US: ESPN ᴴᴰ", "US: ESPN 2 ᴿᴬᵂ"), nameSet(preview(account, "search=espn")));
    assertEquals(4, preview(account, "tags=sports").getInt("total"), "SPORTS from categories");
    // The account's filters apply on this path too.
    Api.post(
        "/api/accounts/" + account + "/filters",
        "{\"name\":\"No UK\",\"filter_type\":\"category\",\"filter_action\":\"blacklist\","
            + "\"filter_value\":\"UK|\"}");
    assertEquals(8, preview(account, "").getInt("total"));
    assertEquals(10, preview(account, "apply_filters=false").getInt("total"));

    Reply keyset = Api.get("/api/accounts/" + account + "/preview?after=MTox");
    assertEquals(400, keyset.status(), keyset.toString());
    assertTrue(keyset.isProblem());
  }

  @Test
  void aSyncedAccountPreviewsFromTheDatabaseInNameOrder() {
    long account = Accounts.create("Preview db", provider);
    syncAndIndex(account);
    JsonObject page = preview(account, "limit=4");
    assertTrue(page.getBoolean("using_database"));
    assertEquals(LINEUP.length, page.getInt("total"));
    assertEquals(
        List.of("CA: Télé-Québec", "CA: TSN 4K", "Canal+ Sport 1", "UK: BBC One"), names(page));
    JsonObject tsn = page.getJsonArray("channels").getJsonObject(1);
    assertTrue(tsn.getJsonNumber("id").longValue() > 0);
    assertEquals("CA: TSN", tsn.getString("cleaned_name"), "no rule removes \"CA:\"");
    assertEquals("CA| SPORTS", tsn.getString("category"));
    assertEquals("[\"4K\",\"CA\",\"SPORTS\"]", tsn.getJsonArray("tags").toString());
    assertTrue(tsn.isNull("icon"), "an empty icon is no icon");
  }

  @Test
  void pagesByOffsetAndByKeysetNeverRepeatOrSkipAndEndCleanly() {
    long account = Accounts.create("Preview pages", provider);
    syncAndIndex(account);
    List<String> all = names(preview(account, "limit=500"));
    assertEquals(LINEUP.length, all.size());

    List<String> byOffset = new ArrayList<>();
    for (int offset = 0; ; offset += 3) {
      JsonObject page = preview(account, "limit=3&offset=" + offset);
      byOffset.addAll(names(page));
      assertEquals(LINEUP.length, page.getInt("total"));
      if (!page.getBoolean("has_more")) {
        assertEquals(1, page.getInt("showing"), "the last page holds the rest");
        assertNull(page.get("next_after") == JsonValue.NULL ? null : page.get("next_after"));
        break;
      }
    }
    assertEquals(all, byOffset);

    List<String> byKeyset = new ArrayList<>();
    String after = "";
    while (true) {
      JsonObject page = preview(account, "limit=4" + (after.isEmpty() ? "" : "&after=" + after));
      byKeyset.addAll(names(page));
      if (!page.getBoolean("has_more")) {
        break;
      }
      after = page.getString("next_after");
    }
    assertEquals(all, byKeyset);

    JsonObject beyond = preview(account, "limit=5&offset=50");
    assertEquals(0, beyond.getInt("showing"));
    assertEquals(LINEUP.length, beyond.getInt("total"), "the total does not depend on the page");
    assertFalse(beyond.getBoolean("has_more"));
  }

  @Test
  void tagsMatchAnyOrAllByNormalisedNameAndUnknownTagsMatchNothing() {
    long account = Accounts.create("Preview tags", provider);
    syncAndIndex(account);
    assertEquals(4, preview(account, "tags=us").getInt("total"));
    assertEquals(6, preview(account, "tags=US,UK").getInt("total"), "any is the default");
    assertEquals(0, preview(account, "tags=US,UK&match=all").getInt("total"));
    // The total counts the whole match, not the page: a page of one, a page past the end.
    JsonObject one = preview(account, "tags=US,UK&limit=1");
    assertEquals(6, one.getInt("total"), one::toString);
    assertEquals(1, one.getJsonArray("channels").size());
    JsonObject past = preview(account, "tags=US,UK&offset=20");
    assertEquals(6, past.getInt("total"), past::toString);
    assertEquals(0, past.getJsonArray("channels").size());
    assertEquals(
        2, preview(account, "tags=" + q("us, sports") + "&match=all&limit=1").getInt("total"));
    assertEquals(
        Set.of("US: ESPN ᴴᴰ", "US: ESPN 2 ᴿᴬᵂ"),
        nameSet(preview(account, "tags=" + q("us, sports") + "&match=all")));
    assertEquals(0, preview(account, "tags=NOSUCHTAG").getInt("total"));
    assertEquals(0, preview(account, "tags=US,NOSUCHTAG&match=all").getInt("total"));
    assertEquals(4, preview(account, "tags=US,NOSUCHTAG&match=any").getInt("total"));
  }

  @Test
  void searchIgnoresCaseAccentsAndScriptAndMatchesWordStarts() {
    long account = Accounts.create("Preview search", provider);
    syncAndIndex(account);
    assertEquals(Set.of("CA: Télé-Québec"), nameSet(preview(account, "search=" + q("tele QUEB"))));
    assertEquals(Set.of("CA: Télé-Québec"), nameSet(preview(account, "search=" + q("québec"))));
    assertEquals(Set.of("ДОМ КИНО"), nameSet(preview(account, "search=" + q("кино"))));
    assertEquals(
        Set.of("US: ESPN ᴴᴰ", "US: CNN HD"),
        nameSet(preview(account, "search=hd")),
        "superscript marks fold to plain letters");
    assertEquals(
        Set.of("UK: Sky Sports Main Event FHD", "Canal+ Sport 1"),
        nameSet(preview(account, "search=sport")),
        "a word's start matches");
    assertEquals(0, preview(account, "search=spn").getInt("total"), "not the middle of a word");
    assertEquals(
        Set.of("US: ESPN ᴴᴰ"),
        nameSet(preview(account, "search=espn&tags=HD")),
        "search and tags together");
    assertEquals(LINEUP.length, preview(account, "search=" + q(" +-*  ")).getInt("total"));
  }

  @Test
  void filtersApplyUnlessAskedNotToAndInactiveChannelsOnlyOnRequest() {
    long account = Accounts.create("Preview filters", provider);
    syncAndIndex(account);
    Reply created =
        Api.post(
            "/api/accounts/" + account + "/filters",
            "{\"name\":\"Sports only\",\"filter_type\":\"category\","
                + "\"filter_action\":\"whitelist\",\"filter_value\":\"sports\"}");
    assertEquals(201, created.status(), created.toString());
    assertEquals(4, preview(account, "").getInt("total"));
    assertEquals(LINEUP.length, preview(account, "apply_filters=false").getInt("total"));

    provider.serve(categories(), streams(LINEUP.length - 1)); // "Canal+ Sport 1" is gone
    syncAndIndex(account);
    assertEquals(LINEUP.length - 1, preview(account, "apply_filters=false").getInt("total"));
    JsonObject withInactive = preview(account, "apply_filters=false&include_inactive=true");
    assertEquals(LINEUP.length, withInactive.getInt("total"));
    JsonObject canal =
        withInactive.getJsonArray("channels").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("Canal+ Sport 1"))
            .findFirst()
            .orElseThrow();
    assertFalse(canal.getBoolean("is_active"));
  }

  @Test
  void acrossAccountsNamesEachAccountAndReportsTheUnsyncedOnes() {
    long first = Accounts.create("Across one", provider);
    long second = Accounts.create("Across two", provider);
    long unsynced = Accounts.create("Across never", provider);
    syncAndIndex(first);
    syncAndIndex(second);
    String ids = "account_ids=" + first + "," + second + "," + unsynced;
    JsonObject page = across(ids + "&limit=4");
    assertTrue(page.getBoolean("using_database"));
    assertEquals(2 * LINEUP.length, page.getInt("total"));
    assertEquals(
        "[{\"id\":" + unsynced + ",\"name\":\"" + name(unsynced) + "\"}]",
        page.getJsonArray("unsynced_accounts").toString());
    JsonObject tele = page.getJsonArray("channels").getJsonObject(0);
    assertEquals("CA: Télé-Québec", tele.getString("name"));
    assertEquals("CA| FRANCOPHONE", tele.getString("category_name"));
    assertEquals(first, tele.getJsonNumber("account_id").longValue());
    assertEquals(name(first), tele.getString("account_name"));
    assertEquals(second, page.getJsonArray("channels").getJsonObject(1).getInt("account_id"));

    assertEquals(
        4, across(ids + "&tags=" + q("us,sports") + "&match=all").getInt("total"), "2 per account");
    assertEquals(2, across(ids + "&search=" + q("дом")).getInt("total"));
    assertEquals(
        LINEUP.length, across("account_ids=" + second).getInt("total"), "only the listed ones");

    JsonObject everyone = across("limit=1");
    String listed =
        everyone.getJsonArray("account_ids").toString()
            + everyone.getJsonArray("unsynced_accounts").toString();
    assertTrue(listed.contains(String.valueOf(first)), listed);
    assertTrue(listed.contains("\"id\":" + unsynced), listed);
  }

  static String name(long account) {
    return Api.get("/api/accounts/" + account).json().getString("name");
  }

  @Test
  void invalidParametersAreBadRequestProblems() {
    long account = Accounts.create("Preview invalid", provider);
    syncAndIndex(account);
    for (String query :
        List.of(
            "limit=0",
            "limit=501",
            "limit=ten",
            "offset=-1",
            "match=most",
            "after=%21%21",
            "after=" + "MTox" + "&offset=3",
            "tags=" + q("!,?"),
            "include_inactive=maybe")) {
      for (String path :
          List.of("/api/accounts/" + account + "/preview?", "/api/channels/preview?")) {
        Reply reply = Api.get(path + query);
        assertEquals(400, reply.status(), path + query + " → " + reply);
        assertTrue(reply.isProblem(), reply.toString());
      }
    }
    Reply badIds = Api.get("/api/channels/preview?account_ids=1,two");
    assertEquals(400, badIds.status(), badIds.toString());
    Reply unknown = Api.get("/api/channels/preview?account_ids=999999");
    assertEquals(404, unknown.status(), unknown.toString());
    assertTrue(unknown.isProblem());
    Reply noAccount = Api.get("/api/accounts/999999/preview");
    assertEquals(404, noAccount.status(), noAccount.toString());
  }
}
