package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.Endpoints;
import dev.lineup.support.Endpoints.Endpoint;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input everywhere: malformed JSON, wrong types and huge strings sent to every endpoint that
 * takes a body are refused with a 4xx problem (never a 5xx, never a stack trace) and store nothing;
 * SQL and script payloads are refused or stored as plain text, and never break anything.
 */
class FuzzIT {
  static final String HUGE = "x".repeat(100_000);
  static final String SQL = "'; DROP TABLE accounts; --";
  static final String SCRIPT = "<script>alert(1)</script>";

  /** Malformed bodies, wrong types and oversized values: every endpoint must refuse them. */
  static List<String> malformed() {
    return List.of(
        "",
        "{",
        "not json",
        "[]",
        "null",
        "42",
        "{\"name\": 42, \"server\": [], \"username\": {}, \"password\": true, \"channel_name\": 7,"
            + " \"legacy_player_urls\": \"yes\", \"ruleset_id\": \"x\"}",
        "{\"name\": \""
            + HUGE
            + "\", \"channel_name\": \""
            + HUGE
            + "\", \"legacy_player_urls\": 1,"
            + " \"ruleset_id\": -1}");
  }

  /**
   * Well-formed bodies whose text is an attack: refused, or stored as the very text sent (no
   * injection), never a 5xx.
   */
  static List<String> payloads() {
    return List.of(
        "{\"name\": \""
            + SQL
            + "\", \"server\": \""
            + SQL
            + "\", \"channel_name\": \""
            + SQL
            + "\"}",
        "{\"name\": \""
            + SCRIPT
            + "\", \"server\": \"javascript:alert(1)\", \"channel_name\": \""
            + SCRIPT
            + "\"}",
        "{\"name\": \"r\", \"pattern\": \"(\", \"pattern_type\": \"regex\", \"tag_name\": \""
            + SCRIPT
            + "\"}",
        "{\"name\": \"f\", \"filter_type\": \""
            + SQL
            + "\", \"filter_action\": 7, \"filter_value\": \"(\"}",
        "{\"name\": \"p\", \"include_accounts\": [\""
            + SQL
            + "\"], \"numbering\": \""
            + SCRIPT
            + "\"}");
  }

  /** The tables a request can write, each with the columns that change by themselves. */
  static final Map<String, String[]> USER_TABLES =
      new LinkedHashMap<>(
          Map.ofEntries(
              Map.entry("accounts", new String[0]),
              Map.entry("filters", new String[0]),
              Map.entry("rulesets", new String[0]),
              Map.entry("tag_rules", new String[0]),
              Map.entry("playlist_configs", new String[0]),
              Map.entry("xtream_users", new String[0]),
              Map.entry("guide_sources", new String[0]),
              Map.entry("channel_guides", new String[0]), // a person's decisions, and matching's
              Map.entry("playlist_numbers", new String[0]),
              Map.entry("channel_merges", new String[0]),
              Map.entry("account_rulesets", new String[0]),
              Map.entry("settings", new String[0]),
              Map.entry("api_tokens", new String[] {"last_used_at"}), // recorded as tokens are used
              Map.entry("admins", new String[0])));

  /** A checksum of every row of every user table, by table. */
  static Map<String, String> stored() {
    Map<String, String> sums = new TreeMap<>();
    USER_TABLES.forEach((table, ignored) -> sums.put(table, Db.checksum(table, ignored)));
    return sums;
  }

  /** The tables whose rows differ between two {@link #stored()} checksums. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    return before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
  }

  @Test
  void everyEndpointRefusesBadBodiesWithAProblemAndStoresNothing() {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Fuzz", provider);
      // A synced channel to decide about; the matching run waits for the one the sync started.
      Api.post("/api/accounts/" + account + "/sync");
      Api.post("/api/epg/match");
      long channel = Db.number("SELECT MIN(id) FROM channels WHERE account_id = ?", account);
      long source =
          Api.post(
                  "/api/guide-sources",
                  "{\"name\":\""
                      + Accounts.uniqueName("Fuzz")
                      + "\",\"url\":\"http://127.0.0.1:9/guide.xml\",\"enabled\":false}")
              .json()
              .getJsonNumber("id")
              .longValue();
      long ruleset =
          Api.post("/api/rulesets", "{\"name\":\"" + Accounts.uniqueName("Fuzz") + "\"}")
              .json()
              .getJsonNumber("id")
              .longValue();
      long playlist = Accounts.playlistOf("Fuzz", account).getJsonNumber("id").longValue();
      long xtreamUser =
          Api.post(
                  "/api/xtream-users",
                  "{\"username\":\"fuzz"
                      + Long.toString(System.nanoTime(), 36)
                      + "\",\"playlist_id\":"
                      + playlist
                      + "}")
              .json()
              .getJsonObject("user")
              .getJsonNumber("id")
              .longValue();
      long rule =
          Api.post(
                  "/api/rulesets/" + ruleset + "/rules",
                  "{\"name\":\"r\",\"pattern\":\"x\",\"pattern_type\":\"contains\","
                      + "\"tag_name\":\"XX\"}")
              .json()
              .getJsonNumber("id")
              .longValue();
      long filter =
          Api.post(
                  "/api/accounts/" + account + "/filters",
                  "{\"name\":\"f\",\"filter_type\":\"tag\",\"filter_action\":\"blacklist\","
                      + "\"filter_value\":\"XX\"}")
              .json()
              .getJsonNumber("id")
              .longValue();
      String[][] endpoints = {
        {"POST", "/api/accounts"},
        {"PUT", "/api/accounts/" + account},
        {"PATCH", "/api/accounts/" + account},
        {"POST", "/api/accounts/" + account + "/filters"},
        {"POST", "/api/accounts/" + account + "/rulesets"},
        {"POST", "/api/rulesets"},
        {"PUT", "/api/rulesets/" + ruleset},
        {"PATCH", "/api/rulesets/" + ruleset},
        {"POST", "/api/rulesets/" + ruleset + "/rules"},
        {"POST", "/api/rulesets/" + ruleset + "/test"},
        {"POST", "/api/tag-rules"},
        {"PUT", "/api/tag-rules/" + rule},
        {"PATCH", "/api/tag-rules/" + rule},
        {"POST", "/api/filters"},
        {"PUT", "/api/filters/" + filter},
        {"PATCH", "/api/filters/" + filter},
        {"POST", "/api/playlist-configs"},
        {"PUT", "/api/playlist-configs/" + playlist},
        {"POST", "/api/xtream-users"},
        {"PUT", "/api/xtream-users/" + xtreamUser},
        {"POST", "/api/guide-sources"},
        {"PUT", "/api/guide-sources/" + source},
        {"PUT", "/api/channels/" + channel + "/guide"},
        {"PUT", "/api/merged-channels"},
        {"PUT", "/api/playlist-configs/" + playlist + "/numbers/" + channel},
        {"PATCH", "/api/settings"},
        {"POST", "/api/tokens"},
        {"POST", "/api/session/password"},
        {"POST", "/api/backup"},
        {"POST", "/api/backup?dry_run=true"},
        {"POST", "/api/import/legacy"}
      };
      List<String> fuzzed =
          Stream.of(endpoints).map(e -> e[0] + " " + e[1].replaceAll("/\\d+", "/1")).toList();
      List<String> missed =
          Endpoints.api().stream()
              .filter(Endpoint::takesBody)
              .map(Endpoint::toString)
              .filter(e -> !fuzzed.contains(e))
              .toList();
      assertTrue(missed.isEmpty(), "every endpoint that reads a body is fuzzed; missed: " + missed);
      Map<String, String> before = stored();
      List<String> wrong = new ArrayList<>();
      for (String[] endpoint : endpoints) {
        for (String body : malformed()) {
          Reply reply = send(endpoint, body);
          if (reply.status() < 400 || reply.status() >= 500 || !clean(reply)) {
            wrong.add(describe(endpoint, body, reply));
          }
          Map<String, String> after = stored();
          if (!after.equals(before)) {
            wrong.add(describe(endpoint, body, reply) + " changed " + changed(before, after));
            before = after;
          }
        }
      }
      assertTrue(wrong.isEmpty(), wrong.size() + " bad answers:\n" + String.join("\n", wrong));

      int readBack = 0;
      for (String[] endpoint : endpoints) {
        for (String body : payloads()) {
          Reply reply = send(endpoint, body);
          if (reply.status() >= 500 || (reply.status() >= 400 && !clean(reply))) {
            wrong.add(describe(endpoint, body, reply));
          }
          boolean created = reply.status() == 201 && reply.body().contains("\"id\"");
          boolean replaced =
              reply.status() / 100 == 2 && List.of("PUT", "PATCH").contains(endpoint[0]);
          if (created || replaced) {
            // Accepted: what is stored is the very text sent, read back through the API.
            String resource =
                created
                    ? endpoint[1] + "/" + reply.json().getJsonNumber("id").longValue()
                    : endpoint[1];
            Reply stored = Api.get(resource);
            if (stored.status() == 200 && stored.body().startsWith("{")) {
              List<String> differences = differences(body, stored.json());
              readBack++;
              if (!differences.isEmpty()) {
                wrong.add(describe(endpoint, body, reply) + " stored differently: " + differences);
              }
            } else if (replaced) {
              wrong.add(describe(endpoint, body, reply) + " cannot be read back: " + stored);
            }
            if (created) {
              Api.delete(resource); // tidy up what was (rightly) stored as text
            }
          } else {
            // Refused (or a dry run): nothing stored.
            Map<String, String> after = stored();
            if (!after.equals(before)) {
              wrong.add(describe(endpoint, body, reply) + " changed " + changed(before, after));
            }
          }
          before = stored();
        }
      }
      assertTrue(wrong.isEmpty(), wrong.size() + " bad answers:\n" + String.join("\n", wrong));
      assertTrue(readBack >= 5, "accepted payloads were read back: " + readBack);
      assertTrue(Db.number("SELECT COUNT(*) FROM accounts") > 0, "the tables are all there");
      assertFalse(
          Api.get("/api/accounts").body().contains("DROP TABLE"), "no payload became an account");
      Api.delete("/api/guide-sources/" + source);
    }
  }

  /** The text fields of a sent body that the stored resource shows otherwise. */
  static List<String> differences(String body, JsonObject stored) {
    JsonObject sent = Json.createReader(new StringReader(body)).readObject();
    List<String> differences = new ArrayList<>();
    sent.forEach(
        (field, value) -> {
          if (value instanceof JsonString text
              && stored.get(field) instanceof JsonString kept
              && !text.getString().equals(kept.getString())) {
            differences.add(field + ": sent " + text + ", stored " + kept);
          }
        });
    return differences;
  }

  static Reply send(String[] endpoint, String body) {
    String type = endpoint[0].equals("PATCH") ? "application/merge-patch+json" : "application/json";
    return Api.send(endpoint[0], endpoint[1], body, type);
  }

  /** A problem+json answer with no trace of Java in it. */
  static boolean clean(Reply reply) {
    return reply.isProblem()
        && !reply.body().contains("Exception")
        && !reply.body().contains("\tat ");
  }

  static String describe(String[] endpoint, String body, Reply reply) {
    String shown = body.length() > 60 ? body.substring(0, 60) + "…" : body;
    return endpoint[0]
        + " "
        + endpoint[1]
        + " "
        + shown
        + " → "
        + reply.status()
        + " "
        + cut(reply.body());
  }

  static String cut(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
