package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guessable id-based player URLs are off unless the {@code legacy_player_urls} setting turns
 * them on; the secret token URLs always answer, and a wrong token is a plain 404.
 */
class PlayerUrlSettingsIT {
  FakeProvider provider = FakeProvider.start();

  @AfterEach
  void tearDown() {
    Api.patch("/api/settings", "{\"legacy_player_urls\": false}"); // back to the default
    provider.close();
  }

  @Test
  void idUrlsAnswerOnlyWhenTurnedOnAndTokenUrlsAlways() {
    long account = Accounts.create("Settings", provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    JsonObject config = Accounts.playlistOf("Settings", account);
    String token = config.getJsonObject("urls").getString("m3u");

    Reply off = Api.patch("/api/settings", "{\"legacy_player_urls\": false}");
    assertEquals(200, off.status(), off.toString());
    assertFalse(off.json().getBoolean("legacy_player_urls"));
    for (String id :
        new String[] {
          "/playlist/" + account + ".m3u",
          "/playlist/config/" + config.getInt("id") + ".m3u",
          "/epg/" + account + ".xml"
        }) {
      Reply refused = Api.get(id, "*/*");
      assertEquals(404, refused.status(), id + ": " + refused);
      assertTrue(
          refused.isProblem() && refused.body().contains("legacy_player_urls"), refused.body());
    }
    assertEquals(200, Api.get(token, "*/*").status(), "the secret URL still answers");
    Reply wrong = Api.get("/p/" + "A".repeat(43) + "/playlist.m3u", "*/*");
    assertEquals(404, wrong.status());
    assertFalse(wrong.body().contains("legacy"), "a wrong token tells nothing more");

    Reply on = Api.patch("/api/settings", "{\"legacy_player_urls\": true}");
    assertTrue(on.json().getBoolean("legacy_player_urls"));
    assertEquals(200, Api.get("/playlist/" + account + ".m3u", "*/*").status());
    assertTrue(Api.get("/api/settings").json().getBoolean("legacy_player_urls"));

    Reply bad = Api.patch("/api/settings", "{\"legacy_player_urls\": \"yes\", \"colour\": true}");
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(
        bad.body().contains("must be true or false") && bad.body().contains("not a setting"));
    assertTrue(Api.get("/api/settings").json().getBoolean("legacy_player_urls"), "nothing changed");
  }
}
