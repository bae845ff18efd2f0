package dev.lineup.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.LegacyFixture;
import dev.lineup.tag.control.DefaultRuleset;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy tool's SQLite database imported through HTTP: a dry run first, every object
 * reproduced, bad ones skipped with why, clashes renamed, a rerun changing nothing, and after a
 * sync the channels tagged as the legacy semantics say (the golden examples).
 */
class LegacyImportIT {
  /**
   * The legacy golden examples ({@link Channels#GOLDEN}): channel, category, tags, cleaned name.
   */
  static final String[][] GOLDEN = {
    {"PRIME: SHADES OF BLACK ᴿᴬᵂ", "US| PRIME ᴿᴬᵂ ⁶⁰ᶠᵖˢ", "US PRIME RAW 60FPS", "SHADES OF BLACK"},
    {
      "US: FOX NET [TWIN FALLS ID]",
      "US| FOX ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ",
      "US HD RAW 60FPS TWIN_FALLS_ID",
      "FOX NET TWIN FALLS ID"
    },
    {
      "US: CBS 11 DALLAS TX (KTVT) HD",
      "US| NEWS ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ",
      "US NEWS HD RAW 60FPS KTVT",
      "CBS 11 DALLAS TX KTVT"
    },
    {"US| CNN HD", "US| NEWS", "US HD NEWS", "CNN"}
  };

  @TempDir Path folder;
  FakeProvider provider;
  String prefix;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start("eternal", "user", "pass");
    Channels.serveGolden(provider);
    prefix = Accounts.uniqueName("Legacy");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static Reply upload(Path file, boolean dryRun) {
    try {
      return Api.send(
          Api.request("/api/import/legacy" + (dryRun ? "?dry_run=true" : ""))
              .header("Accept", "application/json")
              .header("Content-Type", "application/octet-stream")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> ours(JsonObject report) {
    return report.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(i -> i.getString("name").toLowerCase().contains(prefix.toLowerCase()))
        .collect(
            Collectors.toMap(
                i -> i.getString("kind") + " " + i.getString("name"), i -> i.getString("action")));
  }

  JsonObject account(String name) {
    return Api.get("/api/accounts").array().getValuesAs(JsonObject.class).stream()
        .filter(a -> a.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no account " + name));
  }

  JsonObject playlist(String name) {
    return Api.get("/api/playlist-configs").array().getValuesAs(JsonObject.class).stream()
        .filter(p -> p.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no playlist " + name));
  }

  @Test
  void theLegacyDatabaseIsImportedWholeOnceAndItsChannelsTagAsTheLegacyToolDid() {
    Path file = LegacyFixture.write(folder, prefix, "127.0.0.1:" + provider.port());

    Reply dry = upload(file, true);
    assertEquals(200, dry.status(), dry::toString);
    Map<String, String> planned = ours(dry.json());
    assertEquals("added", planned.get("account " + prefix + " Provider"));
    assertEquals("added", planned.get("account " + prefix + " Backup"));
    assertEquals(
        "added",
        planned.get("account " + (prefix + " Provider").toLowerCase() + " (2)"),
        planned::toString);
    assertEquals("skipped", planned.get("account " + prefix + " Broken"));
    assertEquals("added", planned.get("ruleset " + prefix + " Custom"));
    assertEquals("skipped", planned.get("tag_rule " + prefix + " Custom / Broken"));
    assertEquals("added", planned.get("playlist " + prefix + " US news in HD"));
    assertEquals("added", planned.get("playlist " + prefix + " Everything"));
    assertTrue(dry.body().contains("not imported"), "the report says channels are not imported");
    assertTrue(dry.body().contains("Renamed from"), dry::toString);
    assertFalse(Api.get("/api/accounts").body().contains(prefix), "a dry run stores nothing");

    Reply done = upload(file, false);
    assertEquals(200, done.status(), done::toString);
    assertEquals(planned, ours(done.json()));
    assertEquals(1, done.json().getJsonObject("totals").getInt("renamed"));

    // Every object, as the legacy database had it.
    JsonObject provider1 = account(prefix + " Provider");
    assertEquals("http://127.0.0.1:" + provider.port(), provider1.getString("server"));
    assertEquals("user", provider1.getString("username"));
    assertFalse(provider1.toString().contains("pass\""), "no password in the API");
    assertTrue(
        Db.column(
                "SELECT password FROM accounts WHERE id = ?",
                provider1.getJsonNumber("id").longValue())
            .get(0)
            .toString()
            .startsWith("enc:v1:"),
        "the password is encrypted on arrival");
    assertFalse(account(prefix + " Backup").getBoolean("enabled"));
    long id = provider1.getJsonNumber("id").longValue();
    JsonObject rulesets = Api.get("/api/accounts/" + id + "/rulesets").json();
    assertEquals(
        List.of(DefaultRuleset.NAME + " 10", prefix + " Custom 20"),
        rulesets.getJsonArray("assigned").getValuesAs(JsonObject.class).stream()
            .map(a -> a.getString("name") + " " + a.getInt("priority"))
            .toList());
    Set<String> filters =
        Api.get("/api/accounts/" + id + "/filters").array().getValuesAs(JsonObject.class).stream()
            .map(
                f ->
                    f.getString("name")
                        + "|"
                        + f.getString("filter_type")
                        + "|"
                        + f.getString("filter_action")
                        + "|"
                        + f.getString("filter_value")
                        + "|"
                        + f.getBoolean("enabled"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "US only|category|whitelist|US||true",
                "No shopping|channel_name|blacklist|SHOP|true",
                "No 24/7|regex|blacklist|24/7|\\b247\\b|true",
                "Quality|tag|whitelist|HD,RAW,60FPS|false")),
        filters);
    long custom =
        Api.get("/api/rulesets").array().getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("name").equals(prefix + " Custom"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    List<JsonObject> rules =
        Api.get("/api/rulesets/" + custom + "/rules").array().getValuesAs(JsonObject.class);
    assertEquals(
        List.of(
            "VIP prefix prefix VIP",
            "Backup suffix suffix BACKUP",
            "Kids contains KIDS",
            "PPV event regex __CAPTURE__",
            "Dot cleanup contains __CLEANUP__"),
        rules.stream()
            .map(
                r ->
                    r.getString("name")
                        + " "
                        + r.getString("pattern_type")
                        + " "
                        + r.getString("tag_name"))
            .toList());
    assertEquals(" ", rules.get(4).getString("replacement"));
    assertFalse(rules.get(2).getBoolean("remove_from_name"));
    JsonObject news = playlist(prefix + " US news in HD");
    assertEquals("all", news.getString("tag_match"), "tag_match_mode became tag_match");
    assertEquals(
        List.of("US", "HD"),
        news.getJsonArray("include_tags").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertEquals(
        List.of(id),
        news.getJsonArray("include_accounts").getValuesAs(jakarta.json.JsonNumber.class).stream()
            .map(jakarta.json.JsonNumber::longValue)
            .toList());
    assertEquals("for the kitchen", news.getString("description"));
    JsonObject everything = playlist(prefix + " Everything");
    assertEquals("any", everything.getString("tag_match"));
    assertEquals(
        1, everything.getJsonArray("exclude_accounts").size(), "account 99 was not in the file");

    // Importing the file again changes nothing.
    Reply again = upload(file, false);
    assertEquals(200, again.status(), again::toString);
    Map<String, String> second = ours(again.json());
    assertTrue(
        second.entrySet().stream()
            .allMatch(e -> e.getValue().equals("unchanged") || e.getValue().equals("skipped")),
        second::toString);
    assertEquals(0, again.json().getJsonObject("totals").getInt("added"));

    // After a sync, the channels carry the tags the legacy semantics give.
    Reply sync = Api.post("/api/accounts/" + id + "/sync");
    assertEquals(200, sync.status(), sync::toString);
    for (int i = 0; i < GOLDEN.length; i++) {
      String stream = String.valueOf(500 + i);
      Set<String> tags =
          Db.column(
                  "SELECT t.name FROM channel_tags ct JOIN tags t ON t.id = ct.tag_id JOIN channels c ON c.id ="
                      + " ct.channel_id WHERE c.account_id = ? AND c.stream_id = ?",
                  id,
                  stream)
              .stream()
              .map(Object::toString)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(List.of(GOLDEN[i][2].split(" "))), tags, GOLDEN[i][0]);
      assertEquals(
          GOLDEN[i][3],
          Db.column(
                  "SELECT cleaned_name FROM channels WHERE account_id = ? AND stream_id = ?",
                  id,
                  stream)
              .get(0));
    }
  }

  @Test
  void aFileThatIsNotTheLegacyDatabaseIsRefusedAndNothingIsStored() throws IOException {
    Path text = folder.resolve("notes.db");
    Files.writeString(text, "this is not a database");
    Reply refused = upload(text, false);
    assertEquals(422, refused.status(), refused::toString);
    assertTrue(refused.isProblem());
    assertTrue(refused.body().contains("not a SQLite database"), refused::toString);

    Path other = folder.resolve("other.db");
    try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
        var s = db.createStatement()) {
      s.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    Reply foreign = upload(other, false);
    assertEquals(422, foreign.status(), foreign::toString);
    assertTrue(foreign.body().contains("not the legacy tool's"), foreign::toString);

    Path fixture = LegacyFixture.write(folder, prefix, "127.0.0.1:" + provider.port());
    byte[] whole = Files.readAllBytes(fixture);
    Path truncated = folder.resolve("truncated.db");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));
    Reply broken = upload(truncated, false);
    assertTrue(broken.status() == 422, broken::toString);
    assertTrue(broken.isProblem());
    assertFalse(
        Api.get("/api/accounts").body().contains(prefix), "nothing of a broken file is stored");

    Reply empty =
        Api.send(
            Api.request("/api/import/legacy")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(400, empty.status(), empty::toString);
  }
}
