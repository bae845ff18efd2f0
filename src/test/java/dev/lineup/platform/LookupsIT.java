package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answers of the API's one find-or-404 ({@link Entities#require}), its one unique-name check
 * ({@link Entities#requireUniqueName}) and the player URLs' one "can this be served" check.
 */
class LookupsIT {
  private static final long UNKNOWN = 987_654_321L;

  @Test
  void anUnknownIdIsA404ProblemNamingWhatIsMissing() {
    Map<String, String> answers =
        Map.ofEntries(
            Map.entry("/api/accounts/" + UNKNOWN, "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/sync/status", "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/tags", "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/rulesets", "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/filters", "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/categories", "Account"),
            Map.entry("/api/accounts/" + UNKNOWN + "/stats", "Account"),
            Map.entry("/api/tags?account_id=" + UNKNOWN, "Account"),
            Map.entry("/api/rulesets/" + UNKNOWN, "Ruleset"),
            Map.entry("/api/rulesets/" + UNKNOWN + "/rules", "Ruleset"),
            Map.entry("/api/tag-rules?ruleset_id=" + UNKNOWN, "Ruleset"),
            Map.entry("/api/tag-rules/" + UNKNOWN, "Tag rule"),
            Map.entry("/api/filters/" + UNKNOWN, "Filter"),
            Map.entry("/api/playlist-configs/" + UNKNOWN, "Playlist"));
    answers.forEach(
        (path, what) -> {
          Reply reply = Api.get(path);
          assertEquals(404, reply.status(), path + " → " + reply);
          assertTrue(reply.isProblem(), path + " → " + reply);
          assertEquals(
              what + " " + UNKNOWN + " does not exist.", reply.json().getString("detail"), path);
        });
  }

  @Test
  void namesAreUniqueIgnoringCaseAndAccentsAsTheDatabaseComparesThem() {
    String suffix = Accounts.uniqueName("").strip();
    String taken = "Télé " + suffix;
    String again = "TELE " + suffix.toUpperCase();
    Map<String, String> kinds =
        Map.of(
            "/api/accounts", "An account",
            "/api/rulesets", "A ruleset",
            "/api/playlist-configs", "A playlist");
    kinds.forEach(
        (path, named) -> {
          Reply first = Api.post(path, body(path, taken));
          assertEquals(201, first.status(), path + " → " + first);
          Reply second = Api.post(path, body(path, again));
          assertEquals(409, second.status(), path + " → " + second);
          assertTrue(second.isProblem(), second.toString());
          JsonObject problem = second.json();
          assertEquals(
              named + " named '" + again + "' already exists.", problem.getString("detail"));
          assertEquals("name", problem.getString("field"), second.toString());

          // Renaming another one to the taken name is the same conflict; keeping one's own is not.
          long other = Api.post(path, body(path, "Other " + suffix)).json().getInt("id");
          Reply renamed = Api.put(path + "/" + other, body(path, again));
          assertEquals(409, renamed.status(), path + " → " + renamed);
          long own = first.json().getInt("id");
          Reply kept = Api.put(path + "/" + own, body(path, taken));
          assertEquals(200, kept.status(), path + " → " + kept);
        });
  }

  @Test
  void aPlaylistThatCannotBeServedSaysWhy() {
    JsonObject off = Accounts.playlistOf("Lookups off", idleAccount("Lookups off"));
    long offId = off.getInt("id");
    Api.put(
        "/api/playlist-configs/" + offId,
        "{\"name\":\"%s\",\"enabled\":false}".formatted(off.getString("name")));
    Reply disabled = Api.get(off.getJsonObject("urls").getString("m3u"), "*/*");
    assertEquals(403, disabled.status(), disabled.toString());
    assertEquals(
        "Playlist " + offId + " is disabled; enable it to serve it.",
        disabled.json().getString("detail"));

    JsonObject unsynced = Accounts.playlistOf("Lookups unsynced", idleAccount("Lookups unsynced"));
    Reply notYet = Api.get(unsynced.getJsonObject("urls").getString("m3u"), "*/*");
    assertEquals(503, notYet.status(), notYet.toString());
    assertEquals(
        "None of the accounts of playlist "
            + unsynced.getInt("id")
            + " has synced channels yet; sync them and load the playlist again.",
        notYet.json().getString("detail"));
    assertEquals(60, notYet.json().getInt("retry_after_seconds"));
  }

  /** An account that is never synced (disabled, so no schedule or sync-all calls its address). */
  private static long idleAccount(String prefix) {
    long id = Accounts.createM3u(prefix, "http://127.0.0.1:9/playlist.m3u");
    assertEquals(200, Api.patch("/api/accounts/" + id, "{\"enabled\": false}").status());
    return id;
  }

  private static String body(String path, String name) {
    return switch (path) {
      case "/api/accounts" ->
          "{\"name\":\"%s\",\"server\":\"http://127.0.0.1:9\",\"username\":\"u\",\"password\":\"p\",\"enabled\":false}"
              .formatted(name);
      default -> "{\"name\":\"%s\"}".formatted(name);
    };
  }
}
