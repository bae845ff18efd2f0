package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts of type m3u: a playlist URL instead of Xtream credentials. */
class M3uSyncIT {
  FakeProvider provider;
  long account;
  String playlistUrl;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    playlistUrl = provider.url() + "/get.php?username=alice&password=pl4ylist-secret&type=m3u_plus";
    account = Accounts.createM3u("M3U", playlistUrl);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void playlistUrlIsKeptWholeButItsPasswordIsNeverShown() {
    JsonObject shown = Api.get("/api/accounts/" + account).json();
    assertEquals("m3u", shown.getString("provider_type"));
    assertTrue(
        shown.getString("server").contains("/get.php?username=alice&password=***"),
        shown::toString);
    assertFalse(Api.get("/api/accounts").body().contains("pl4ylist-secret"));

    // Sending the shown (masked) URL back keeps the stored one.
    Reply put =
        Api.put(
            "/api/accounts/" + account,
            Json.createObjectBuilder()
                .add("name", shown.getString("name"))
                .add("provider_type", "m3u")
                .add("server", shown.getString("server"))
                .build()
                .toString());
    assertEquals(200, put.status(), put::toString);
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_generated_index_fixture.m3u"));
    assertEquals("ok", SyncIT.sync(account, "").getString("status"), "the stored URL still works");
  }

  @Test
  void realPlaylistSyncsEveryEntryAndItsGroups() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_generated_index_fixture.m3u"));
    JsonObject run = SyncIT.sync(account, "");
    assertEquals("ok", run.getString("status"), run::toString);
    assertEquals(12, run.getInt("channels_added"));
    assertEquals(4, run.getInt("categories_added"));
    assertEquals(
        "General;News",
        Db.column(
                "SELECT category_id FROM channels WHERE account_id = ? AND name = 'BBC News HD'",
                account)
            .get(0));

    JsonObject again = SyncIT.sync(account, "");
    assertEquals(0, again.getInt("channels_added") + again.getInt("channels_updated"));
  }

  @Test
  void largeUnicodePlaylistSyncs() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_cn_unicode.m3u"));
    JsonObject run = SyncIT.sync(account, "");
    assertEquals(530, run.getInt("channels_added"), run::toString);
    assertEquals(0, run.getInt("categories_added"), "these entries have no group");
  }

  @Test
  void htmlInsteadOfAPlaylistFailsAndKeepsTheLineup() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_us.m3u"));
    SyncIT.sync(account, "");
    provider.servePlaylist(FakeProvider.playlistFile("edge-cases/html_error_page_not_m3u.m3u"));
    JsonObject run = SyncIT.sync(account, "");
    assertEquals("failed", run.getString("status"), run::toString);
    assertFalse(run.toString().contains("pl4ylist-secret"));
    assertEquals(
        685,
        Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active", account));
  }

  @Test
  void emptyPlaylistIsHeldBack() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_us.m3u"));
    SyncIT.sync(account, "");
    provider.behave(Behaviour.EMPTY_LISTS);
    assertEquals("suspicious", SyncIT.sync(account, "").getString("status"));
  }

  @Test
  void connectionTestCountsThePlaylist() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_uk_samsung_xtvgurl.m3u"));
    Reply reply = Api.post("/api/accounts/" + account + "/test");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject playlist = reply.json().getJsonObject("playlist");
    assertTrue(playlist.getInt("channels") > 100, reply::toString);
    assertEquals("https://worker-9dd4.onrender.com/guide.xml.gz", playlist.getString("tvg_url"));
  }

  @Test
  void groupsAndIdsThatDifferOnlyInCaseStayApart() {
    provider.servePlaylist(
        """
        #EXTM3U
        #EXTINF:-1 tvg-id="itv4.uk" group-title="News",ITV4 news
        http://streams.example.com/1.ts
        #EXTINF:-1 tvg-id="ITV4.uk" group-title="NEWS",ITV4 NEWS
        http://streams.example.com/2.ts
        """);
    long id = Accounts.createM3u("Case", playlistUrl);
    assertTrue(Api.post("/api/accounts/" + id + "/sync").json().getBoolean("success"));
    assertEquals(
        List.of("NEWS", "News"),
        Db.column(
            "SELECT category_id FROM categories WHERE account_id = ? ORDER BY category_id", id));
    String m3u =
        Api.get(Accounts.playlistOf("Case", id).getJsonObject("urls").getString("m3u"), "*/*")
            .body();
    assertTrue(m3u.contains("tvg-id=\"itv4.uk\" tvg-name=\"ITV4 news\" group-title=\"News\""), m3u);
    assertTrue(m3u.contains("tvg-id=\"ITV4.uk\" tvg-name=\"ITV4 NEWS\" group-title=\"NEWS\""), m3u);
  }
}
