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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore through HTTP: a whole setup survives its own deletion, a restore does what its
 * dry run said, secrets travel only sealed, and a bad file is refused with nothing stored.
 */
class BackupIT {
  static final String PASSPHRASE = "correct horse battery";
  FakeProvider provider;
  String tag;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    tag = Accounts.uniqueName("Bk").replace(" ", "");
    // Names of this test's own: other tests' channels of the same name would join its merges
    String names = tag;
    provider.serve(
        Channels.categories(2), Channels.streams(1, 20, 2, id -> "US: " + names + " Ch " + id));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  /** A setup of every kind of object, named after this test's tag; returns the playlist's token. */
  Setup makeSetup() {
    long account = Accounts.create(tag + " Xtream", provider);
    String accountName = Api.get("/api/accounts/" + account).json().getString("name");
    Reply m3u =
        Api.post(
            "/api/accounts",
            Json.createObjectBuilder()
                .add("name", tag + " M3U")
                .add("provider_type", "m3u")
                .add(
                    "server", provider.url() + "/get.php?username=u1&password=m3uSecret42&type=m3u")
                .build()
                .toString());
    assertEquals(201, m3u.status(), m3u::toString);
    long m3uId = m3u.json().getJsonNumber("id").longValue();
    Reply ruleset = Api.post("/api/rulesets", "{\"name\":\"" + tag + " Rules\",\"priority\":50}");
    assertEquals(201, ruleset.status(), ruleset::toString);
    long rulesetId = ruleset.json().getJsonNumber("id").longValue();
    rule(
        rulesetId,
        "{\"name\":\"US\",\"pattern\":\"US:\",\"pattern_type\":\"prefix\",\"tag_name\":\"US\"}");
    rule(
        rulesetId,
        "{\"name\":\"Place\",\"pattern\":\"\\\\[([^\\\\]]+)\\\\]\",\"pattern_type\":\"regex\",\"tag_name\":\"__LOCATION__\",\"source\":\"channel_name\",\"priority\":85}");
    Reply assigned =
        Api.post(
            "/api/accounts/" + account + "/rulesets",
            "{\"ruleset_id\":" + rulesetId + ",\"priority\":5}");
    assertEquals(200, assigned.status(), assigned::toString);
    Reply filter =
        Api.post(
            "/api/accounts/" + account + "/filters",
            "{\"name\":\"No 7\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\",\"filter_value\":\"Ch 7\"}");
    assertEquals(201, filter.status(), filter::toString);
    Reply playlist =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", tag + " Living room")
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .add("include_tags", "US")
                .add("tag_match", "all")
                .add("numbering", "pinned")
                .build()
                .toString());
    assertEquals(201, playlist.status(), playlist::toString);
    long playlistId = playlist.json().getJsonNumber("id").longValue();
    Reply user =
        Api.post(
            "/api/xtream-users",
            "{\"username\":\""
                + tag
                + "tv\",\"playlist_id\":"
                + playlistId
                + ",\"max_connections\":2}");
    assertEquals(201, user.status(), user::toString);
    Reply source =
        Api.post(
            "/api/guide-sources",
            "{\"name\":\""
                + tag
                + " Guide\",\"url\":\""
                + provider.url()
                + "/xmltv/guideUser/guideSecret99.xml\",\"enabled\":false}");
    assertEquals(201, source.status(), source::toString);
    return new Setup(
        account,
        accountName,
        m3uId,
        rulesetId,
        playlistId,
        playlist.json().getJsonObject("urls").getString("m3u"),
        user.json().getJsonObject("user").getJsonNumber("id").longValue(),
        user.json().getString("password"),
        source.json().getJsonNumber("id").longValue());
  }

  static long channel(long account, String streamId) {
    return Db.number(
        "SELECT id FROM channels WHERE account_id = ? AND stream_id = ?", account, streamId);
  }

  /**
   * A person's decisions on the synced channels: channel 3 has no guide, 4 and 5 are one merged
   * channel (5 first), channel 3 is number 500 in the playlist.
   */
  static void decide(Setup setup) {
    long three = channel(setup.account(), "3");
    Reply guide = Api.put("/api/channels/" + three + "/guide", "{\"guide_channel_id\":null}");
    assertEquals(200, guide.status(), guide::toString);
    Reply merge =
        Api.put(
            "/api/merged-channels",
            "{\"sources\":["
                + channel(setup.account(), "5")
                + ","
                + channel(setup.account(), "4")
                + "]}");
    assertEquals(200, merge.status(), merge::toString);
    Reply number =
        Api.put(
            "/api/playlist-configs/" + setup.playlist() + "/numbers/" + three, "{\"number\":500}");
    assertEquals(200, number.status(), number::toString);
    assertDecided(setup.account(), setup.playlist());
  }

  static void assertDecided(long account, long playlist) {
    long three = channel(account, "3");
    assertEquals(
        List.of("unmatched"),
        Db.column("SELECT status FROM channel_guides WHERE channel_id = ? AND by_person", three));
    assertEquals(
        List.of(channel(account, "5"), channel(account, "4")),
        Db.column(
                "SELECT channel_id FROM channel_merges WHERE merge_key = (SELECT merge_key FROM"
                    + " channel_merges WHERE channel_id = ?) ORDER BY position",
                channel(account, "4"))
            .stream()
            .map(v -> ((Number) v).longValue())
            .toList());
    assertEquals(
        500L,
        Db.number(
            "SELECT number FROM playlist_numbers WHERE playlist_id = ? AND channel_id = ? AND by_person",
            playlist,
            three));
  }

  record Setup(
      long account,
      String accountName,
      long m3u,
      long ruleset,
      long playlist,
      String m3uUrl,
      long user,
      String userPassword,
      long source) {
    void delete() {
      assertEquals(200, Api.delete("/api/xtream-users/" + user).status());
      assertEquals(200, Api.delete("/api/playlist-configs/" + playlist).status());
      assertEquals(200, Api.delete("/api/accounts/" + account).status());
      assertEquals(200, Api.delete("/api/accounts/" + m3u).status());
      assertEquals(200, Api.delete("/api/rulesets/" + ruleset).status());
      assertEquals(200, Api.delete("/api/guide-sources/" + source).status());
    }
  }

  static void rule(long ruleset, String json) {
    Reply reply = Api.post("/api/rulesets/" + ruleset + "/rules", json);
    assertEquals(201, reply.status(), reply::toString);
  }

  static Reply backup(String query, String passphrase) {
    return passphrase == null
        ? Api.get("/api/backup" + query)
        : Api.get("/api/backup" + query, "application/json", "X-Backup-Passphrase", passphrase);
  }

  static Reply restore(String document, boolean dryRun, String passphrase) {
    HttpRequest.Builder request =
        Api.request("/api/backup" + (dryRun ? "?dry_run=true" : ""))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(document));
    if (passphrase != null) {
      request.header("X-Backup-Passphrase", passphrase);
    }
    return Api.send(request);
  }

  static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** The document without what differs between two backups of one setup. */
  static JsonObject comparable(JsonObject document) {
    return Json.createObjectBuilder(document).remove("created_at").remove("secrets").build();
  }

  /** Each item of a report that names this test's objects: "kind name" → action. */
  Map<String, String> ours(JsonObject report) {
    return report.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(i -> i.getString("name").contains(tag))
        .collect(
            Collectors.toMap(
                i -> i.getString("kind") + " " + i.getString("name"), i -> i.getString("action")));
  }

  int playerStatus(String m3uUrl) {
    return Api.anonymous(Api.request(m3uUrl.replaceFirst("^https?://[^/]+", "")).GET())
        .statusCode();
  }

  @Test
  void aWholeSetupDeletedComesBackFromItsBackupWithItsPlayerUrlsAndSecrets() {
    Setup setup = makeSetup();
    assertEquals(200, Api.post("/api/accounts/" + setup.account() + "/sync").status());
    assertEquals(200, playerStatus(setup.m3uUrl()));
    decide(setup);
    Reply first = backup("?secrets=true", PASSPHRASE);
    assertEquals(200, first.status(), first::toString);
    assertTrue(
        first
            .raw()
            .headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("lineup-backup-"));
    for (String secret :
        List.of(provider.password(), "m3uSecret42", "guideSecret99", setup.userPassword())) {
      assertFalse(first.body().contains(secret), "a secret in clear in the backup: " + secret);
    }
    JsonObject before = first.json();
    assertEquals("lineup-backup/1", before.getString("format"));
    assertTrue(before.getJsonObject("secrets").getBoolean("included"));
    assertTrue(
        before.getJsonObject("secrets").getString("salt").length() >= 20, "a salt of its own");

    setup.delete();
    assertEquals(404, playerStatus(setup.m3uUrl()));

    Reply dry = restore(first.body(), true, PASSPHRASE);
    assertEquals(200, dry.status(), dry::toString);
    assertTrue(dry.json().getBoolean("dry_run"));
    Map<String, String> planned = ours(dry.json());
    assertEquals(
        Map.of(
            "account " + setup.accountName(), "added",
            "account " + tag + " M3U", "added",
            "ruleset " + tag + " Rules", "added",
            "playlist " + tag + " Living room", "added",
            "xtream_user " + tag + "tv", "added",
            "guide_source " + tag + " Guide", "added"),
        planned);
    assertTrue(dry.body().contains("wait for their channels' sync"), dry::toString);
    assertEquals(404, playerStatus(setup.m3uUrl()), "a dry run stores nothing");

    Reply done = restore(first.body(), false, PASSPHRASE);
    assertEquals(200, done.status(), done::toString);
    assertEquals(planned, ours(done.json()));
    assertEquals(dry.json().getJsonArray("items"), done.json().getJsonArray("items"));

    Reply second = backup("?secrets=true", PASSPHRASE);
    assertEquals(comparable(before), comparable(second.json()));

    // The sealed password came back: the provider accepts the restored account's sync.
    long restored =
        Api.get("/api/accounts").array().getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("name").equals(setup.accountName()))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    Reply sync = Api.post("/api/accounts/" + restored + "/sync");
    assertEquals(200, sync.status(), sync::toString);
    // The person's decisions waited for the channels; the sync brought them, and they hold again.
    assertDecided(
        restored,
        Api.get("/api/playlist-configs").array().getValuesAs(JsonObject.class).stream()
            .filter(p -> p.getString("name").equals(tag + " Living room"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue());
    assertEquals(0, Db.number("SELECT COUNT(*) FROM restore_pending"), "nothing waits any more");
    assertEquals(comparable(before), comparable(backup("?secrets=true", PASSPHRASE).json()));
    assertEquals(200, playerStatus(setup.m3uUrl()), "the player URL from before answers again");
    // The Xtream user's password hash came back: its player signs in.
    var login =
        Api.anonymous(
            Api.form("/player_api.php", "username", tag + "tv", "password", setup.userPassword()));
    assertEquals(1, parse(login.body()).getJsonObject("user_info").getInt("auth"));

    // Restoring the same file again changes nothing.
    Reply again = restore(first.body(), false, PASSPHRASE);
    assertTrue(ours(again.json()).values().stream().allMatch("unchanged"::equals), again::toString);
  }

  @Test
  void aRestoreOverAChangedSetupDoesWhatItsDryRunSaidAndKeepsStoredSecrets() {
    Setup setup = makeSetup();
    String file = backup("", null).body();
    JsonObject before = parse(file);
    assertFalse(before.getJsonObject("secrets").getBoolean("included"));
    for (String secret :
        List.of(provider.password(), "m3uSecret42", "guideSecret99", "guideUser")) {
      assertFalse(file.contains(secret), "a secret in a backup without secrets: " + secret);
    }
    assertTrue(file.contains(provider.url() + "/***"), "URLs that may hold credentials are hidden");
    assertEquals(200, Api.post("/api/accounts/" + setup.account() + "/sync").status());
    long passing = passing(setup.account());

    // Change the setup: a rule, the filters, the playlist; add a ruleset the file does not know.
    long rule =
        Api.get("/api/rulesets/" + setup.ruleset() + "/rules")
            .array()
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    assertEquals(200, Api.patch("/api/tag-rules/" + rule, "{\"pattern\":\"USA:\"}").status());
    Reply extra =
        Api.post(
            "/api/accounts/" + setup.account() + "/filters",
            "{\"name\":\"Only 1\",\"filter_type\":\"channel_name\",\"filter_action\":\"whitelist\",\"filter_value\":\"Ch 1\"}");
    assertEquals(201, extra.status());
    assertTrue(passing(setup.account()) < passing, "the whitelist lets fewer channels pass");
    JsonObject current = Api.get("/api/playlist-configs/" + setup.playlist()).json();
    Reply renumbered =
        Api.put(
            "/api/playlist-configs/" + setup.playlist(),
            Json.createObjectBuilder(current).add("numbering", "none").build().toString());
    assertEquals(200, renumbered.status(), renumbered::toString);
    Reply later = Api.post("/api/rulesets", "{\"name\":\"" + tag + " Later\"}");
    assertEquals(201, later.status());

    Reply dry = restore(file, true, null);
    assertEquals(200, dry.status(), dry::toString);
    Map<String, String> planned = ours(dry.json());
    assertEquals("changed", planned.get("ruleset " + tag + " Rules"));
    assertEquals("changed", planned.get("account " + setup.accountName()));
    assertEquals("changed", planned.get("playlist " + tag + " Living room"));
    assertEquals("unchanged", planned.get("account " + tag + " M3U"));
    assertEquals("unchanged", planned.get("guide_source " + tag + " Guide"));
    assertEquals("left_alone", planned.get("ruleset " + tag + " Later"));
    assertEquals(
        "none",
        Api.get("/api/playlist-configs/" + setup.playlist()).json().getString("numbering"),
        "a dry run changes nothing");

    Reply done = restore(file, false, null);
    assertEquals(200, done.status(), done::toString);
    assertEquals(planned, ours(done.json()));
    assertEquals(
        comparable(before),
        comparable(withoutOthers(parse(backup("", null).body()), tag + " Later")));
    assertEquals(
        200, Api.get("/api/rulesets/" + later.json().getJsonNumber("id")).status(), "left alone");
    assertEquals(passing, passing(setup.account()), "the restored filters are what pass channels");
    // The stored password (not in the file) was kept: the provider still accepts the account.
    assertEquals(200, Api.post("/api/accounts/" + setup.account() + "/sync").status());
    assertEquals(200, Api.delete("/api/rulesets/" + later.json().getJsonNumber("id")).status());
    setup.delete();
  }

  static long passing(long account) {
    return Db.number(
        "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters",
        account);
  }

  @Test
  void aNewAccountWhoseSecretsTheBackupLeftOutIsStoredDisabledWithANote() {
    Setup setup = makeSetup();
    String file = backup("", null).body();
    assertEquals(200, Api.delete("/api/accounts/" + setup.m3u()).status());
    assertEquals(200, Api.delete("/api/guide-sources/" + setup.source()).status());
    Reply done = restore(file, false, null);
    assertEquals(200, done.status(), done::toString);
    JsonObject m3u =
        done.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(i -> i.getString("name").equals(tag + " M3U"))
            .findFirst()
            .orElseThrow();
    assertEquals("added", m3u.getString("action"));
    assertTrue(m3u.getJsonArray("notes").toString().contains("Stored disabled"), m3u::toString);
    JsonObject stored =
        Api.get("/api/accounts").array().getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("name").equals(tag + " M3U"))
            .findFirst()
            .orElseThrow();
    assertFalse(stored.getBoolean("enabled"), "it would only fail at the provider");
    JsonObject source =
        Api.get("/api/guide-sources").array().getValuesAs(JsonObject.class).stream()
            .filter(g -> g.getString("name").equals(tag + " Guide"))
            .findFirst()
            .orElseThrow();
    assertFalse(source.getBoolean("enabled"));
    Api.delete("/api/accounts/" + stored.getJsonNumber("id"));
    Api.delete("/api/guide-sources/" + source.getJsonNumber("id"));
    assertEquals(200, Api.delete("/api/xtream-users/" + setup.user()).status());
    assertEquals(200, Api.delete("/api/playlist-configs/" + setup.playlist()).status());
    assertEquals(200, Api.delete("/api/accounts/" + setup.account()).status());
    assertEquals(200, Api.delete("/api/rulesets/" + setup.ruleset()).status());
  }

  @Test
  void aMergeAcrossTwoAccountsWaitsForBothOfTheirSyncs() {
    long first = Accounts.create(tag + " One", provider);
    long second = Accounts.create(tag + " Two", provider);
    String firstName = Api.get("/api/accounts/" + first).json().getString("name");
    String secondName = Api.get("/api/accounts/" + second).json().getString("name");
    assertEquals(200, Api.post("/api/accounts/" + first + "/sync").status());
    assertEquals(200, Api.post("/api/accounts/" + second + "/sync").status());
    Reply merge =
        Api.put(
            "/api/merged-channels",
            "{\"sources\":[" + channel(second, "9") + "," + channel(first, "9") + "]}");
    assertEquals(200, merge.status(), merge::toString);
    String file = backup("?secrets=true", PASSPHRASE).body();
    assertEquals(200, Api.delete("/api/accounts/" + first).status());
    assertEquals(200, Api.delete("/api/accounts/" + second).status());
    assertEquals(200, restore(file, false, PASSPHRASE).status());
    long one = accountId(firstName);
    long two = accountId(secondName);
    String waiting = "SELECT COUNT(*) FROM restore_pending WHERE kind = 'merge' AND item LIKE ?";
    String ours = "%" + tag + "%";
    assertEquals(1, Db.number(waiting, ours));
    assertEquals(200, Api.post("/api/accounts/" + one + "/sync").status());
    assertEquals(1, Db.number(waiting, ours), "the other account's channel is still to come");
    assertEquals(200, Api.post("/api/accounts/" + two + "/sync").status());
    assertEquals(0, Db.number(waiting, ours));
    assertEquals(
        List.of(channel(two, "9"), channel(one, "9")),
        Db.column(
                "SELECT channel_id FROM channel_merges WHERE merge_key = (SELECT merge_key FROM"
                    + " channel_merges WHERE channel_id = ?) ORDER BY position",
                channel(one, "9"))
            .stream()
            .map(v -> ((Number) v).longValue())
            .toList());

    // Restored again without the accounts, the merge waits; deleting one of them drops it.
    assertEquals(200, Api.delete("/api/accounts/" + one).status());
    assertEquals(200, Api.delete("/api/accounts/" + two).status());
    assertEquals(200, restore(file, false, PASSPHRASE).status());
    assertEquals(1, Db.number(waiting, ours));
    assertEquals(200, Api.delete("/api/accounts/" + accountId(secondName)).status());
    assertEquals(0, Db.number(waiting, ours), "a deleted account's decisions can never apply");
    Api.delete("/api/accounts/" + accountId(firstName));
  }

  static long accountId(String name) {
    return Api.get("/api/accounts").array().getValuesAs(JsonObject.class).stream()
        .filter(a -> a.getString("name").equals(name))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  /** The document without the ruleset named {@code name}. */
  static JsonObject withoutOthers(JsonObject document, String name) {
    var rulesets = Json.createArrayBuilder();
    document.getJsonArray("rulesets").getValuesAs(JsonObject.class).stream()
        .filter(r -> !r.getString("name").equals(name))
        .forEach(rulesets::add);
    return Json.createObjectBuilder(document).add("rulesets", rulesets).build();
  }

  @Test
  void aBadFileIsRefusedWithAProblemNamingWhatIsWrongAndNothingIsStored() {
    String account =
        "{\"name\":\""
            + tag
            + " Orphan\",\"server\":\""
            + provider.url()
            + "\",\"username\":\"u\"}";
    String broken =
        "{\"format\":\"lineup-backup/1\",\"accounts\":["
            + account
            + "],\"playlists\":[{\"name\":\""
            + tag
            + " P\",\"include_accounts\":[\"No such account\"]}]}";
    Reply reference = restore(broken, false, null);
    assertProblem(reference, 422, "playlists[" + tag + " P].include_accounts");
    assertTrue(reference.body().contains("No such account"), reference::toString);
    assertTrue(
        Api.get("/api/accounts").body().indexOf(tag + " Orphan") < 0,
        "the account before the broken reference was not stored either");

    assertProblem(restore("{\"format\":\"lineup-backup/2\"}", false, null), 422, "format");
    assertTrue(restore("{\"format\":\"lineup-backup/2\"}", false, null).body().contains("version"));
    assertProblem(restore("{\"format\":\"m3u-editor\"}", false, null), 422, "format");
    assertProblem(restore("{\"accounts\":[]}", false, null), 422, "format");
    assertEquals(400, restore("{\"format\":\"lineup-backup/1\",\"accou", false, null).status());
    assertEquals(400, restore("[]", false, null).status());
    assertProblem(
        restore(
            "{\"format\":\"lineup-backup/1\",\"rulesets\":[{\"name\":\""
                + tag
                + " R\",\"rules\":[{\"name\":\"x\",\"pattern\":\"(\",\"pattern_type\":\"regex\",\"tag_name\":\"X1\"}]}]}",
            false,
            null),
        422,
        "rulesets[" + tag + " R].rules[0].pattern");
    assertTrue(Api.get("/api/rulesets").body().indexOf(tag + " R") < 0);

    Reply sealed = backup("?secrets=true", PASSPHRASE);
    assertEquals(200, sealed.status());
    assertProblem(restore(sealed.body(), true, "not the passphrase"), 422, "X-Backup-Passphrase");
    assertEquals(400, restore(sealed.body(), true, null).status());
    assertEquals(400, backup("?secrets=true", null).status(), "secrets need a passphrase");
    assertEquals(400, backup("?secrets=true", "short").status(), "and not a trivial one");
    assertEquals(400, backup("", PASSPHRASE).status(), "a passphrase in vain is an error");
  }

  static void assertProblem(Reply reply, int status, String field) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
    if (status == 422) {
      assertTrue(
          reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
              .anyMatch(e -> e.getString("field").equals(field)),
          () -> "no error on " + field + ": " + reply);
    }
    assertFalse(reply.body().contains("Exception"), reply::toString);
  }
}
