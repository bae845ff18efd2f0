package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.Endpoints;
import dev.lineup.support.Endpoints.Endpoint;
import dev.lineup.support.FakeProvider;
import java.util.ArrayList;
import java.util.List;
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

  static long stored() {
    return Db.number(
        "SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM filters)"
            + " + (SELECT COUNT(*) FROM rulesets) + (SELECT COUNT(*) FROM tag_rules)"
            + " + (SELECT COUNT(*) FROM playlist_configs) + (SELECT COUNT(*) FROM account_rulesets)"
            + " + (SELECT COUNT(*) FROM settings) + (SELECT COUNT(*) FROM api_tokens)"
            + " + (SELECT SUM(session_epoch) FROM admins)");
  }

  @Test
  void everyEndpointRefusesBadBodiesWithAProblemAndStoresNothing() {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Fuzz", provider);
      long ruleset =
          Api.post("/api/rulesets", "{\"name\":\"" + Accounts.uniqueName("Fuzz") + "\"}")
              .json()
              .getJsonNumber("id")
              .longValue();
      long playlist = Accounts.playlistOf("Fuzz", account).getJsonNumber("id").longValue();
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
        {"PATCH", "/api/settings"},
        {"POST", "/api/tokens"},
        {"POST", "/api/session/password"}
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
      long before = stored();
      List<String> wrong = new ArrayList<>();
      for (String[] endpoint : endpoints) {
        for (String body : malformed()) {
          Reply reply = send(endpoint, body);
          if (reply.status() < 400 || reply.status() >= 500 || !clean(reply)) {
            wrong.add(describe(endpoint, body, reply));
          }
        }
      }
      assertTrue(wrong.isEmpty(), wrong.size() + " bad answers:\n" + String.join("\n", wrong));
      assertEquals(before, stored(), "nothing malformed was stored");

      for (String[] endpoint : endpoints) {
        for (String body : payloads()) {
          Reply reply = send(endpoint, body);
          if (reply.status() >= 500 || (reply.status() >= 400 && !clean(reply))) {
            wrong.add(describe(endpoint, body, reply));
          }
          if (reply.status() == 201 && reply.body().contains("\"id\"")) {
            String sent =
                jakarta.json.Json.createReader(new java.io.StringReader(body))
                    .readObject()
                    .getString("name", null);
            if (sent != null && reply.json().containsKey("name")) {
              assertEquals(
                  sent,
                  reply.json().getString("name"),
                  "a stored payload is kept as the text sent: " + cut(reply.body()));
            }
            long id = reply.json().getJsonNumber("id").longValue();
            Api.delete(endpoint[1] + "/" + id); // tidy up what was (rightly) stored as text
          }
        }
      }
      assertTrue(wrong.isEmpty(), wrong.size() + " bad answers:\n" + String.join("\n", wrong));
      assertTrue(Db.number("SELECT COUNT(*) FROM accounts") > 0, "the tables are all there");
      assertFalse(
          Api.get("/api/accounts").body().contains("DROP TABLE"), "no payload became an account");
    }
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
