package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.account.control.PlaintextSecretsMigration;
import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import dev.lineup.support.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
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
  void aPlaylistLineLongerThanTheLimitFailsClearlyAndKeepsTheLineup() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_us.m3u"));
    assertEquals("ok", SyncIT.sync(account, "").getString("status"));
    String sql =
        "SELECT CAST(CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, name, is_active))))"
            + " AS CHAR) FROM channels WHERE account_id = ?";
    Object before = Db.column(sql, account).get(0);
    provider.servePlaylist(
        "#EXTM3U\n#EXTINF:-1 tvg-name=\""
            + "x".repeat(200_000)
            + "\",Huge\nhttp://s.example/a\n"
            + FakeProvider.playlistFile("iptv-org_us.m3u"));
    JsonObject run = SyncIT.sync(account, "");
    assertEquals("failed", run.getString("status"), run::toString);
    assertTrue(
        run.getString("message").contains("sent a line longer than 65,536 characters (line 2)"),
        run::toString);
    JsonObject recorded =
        Api.get("/api/accounts/" + account + "/sync/history?limit=1").array().getJsonObject(0);
    assertEquals(run.getJsonNumber("run_id"), recorded.getJsonNumber("run_id"));
    assertEquals(run.getString("message"), recorded.getString("message"));
    assertFalse(run.toString().contains("pl4ylist-secret"));
    assertEquals(before, Db.column(sql, account).get(0), "the lineup stays as it was");
  }

  @Test
  void credentialsInAPlaylistUrlsUserInfoOrItsGuideUrlAreNeverShownNorLogged() {
    provider.servePlaylist(
        "#EXTM3U url-tvg=\""
            + provider.url()
            + "/epg.xml?token=tvg-s3cret\"\n#EXTINF:-1,A\nhttp://s.example/a\n");
    String withUserInfo =
        provider.url().replace("http://", "http://alice:us3rinfo-s3cret@") + "/list.m3u";
    long id = Accounts.createM3u("M3U user info", withUserInfo);
    JsonObject shown = Api.get("/api/accounts/" + id).json();
    assertEquals(
        provider.url().replace("http://", "http://***@") + "/list.m3u", shown.getString("server"));
    Reply test = Api.post("/api/accounts/" + id + "/test");
    assertEquals(200, test.status(), test::toString);
    assertEquals(
        provider.url() + "/epg.xml?token=***",
        test.json().getJsonObject("playlist").getString("tvg_url"));
    assertEquals("ok", SyncIT.sync(id, "").getString("status"));
    String everything =
        Api.get("/api/accounts").body()
            + Api.get("/api/accounts/" + id + "/sync/history").body()
            + test.body()
            + TestServer.log();
    assertFalse(everything.contains("us3rinfo-s3cret"), "the user info's password");
    assertFalse(everything.contains("tvg-s3cret"), "the guide's token");
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

  static final String GUIDE =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tv><channel id=\"cnn.us\"><display-name>CNN"
          + "</display-name></channel><programme start=\"20261126060000 +0000\" stop=\"20261126070000"
          + " +0000\" channel=\"cnn.us\"><title>News</title></programme></tv>";

  /** The account's URL columns as the database holds them. */
  List<Object> storedUrls() {
    return Db.rows(
            "SELECT server_url, epg_url, provider_epg_url FROM accounts WHERE id = ?",
            List.of(account))
        .get(1);
  }

  static void assertEncrypted(Object stored, String... secrets) {
    assertTrue(String.valueOf(stored).startsWith("enc:v1:"), "stored encrypted: " + stored);
    for (String secret : secrets) {
      assertFalse(String.valueOf(stored).contains(secret), secret + " is in " + stored);
    }
  }

  @Test
  void theAccountsUrlsAreStoredEncryptedAndTheSyncAndGuideUseThem() throws Exception {
    String tvgUrl = provider.url() + "/epg.xml?token=gu1de-secret";
    provider.serveGuide(GUIDE);
    provider.servePlaylist(
        "#EXTM3U x-tvg-url=\""
            + tvgUrl
            + "\"\n#EXTINF:-1 tvg-id=\"cnn.us\",CNN\nhttp://stream.example/cnn.ts\n");
    assertEquals("ok", SyncIT.sync(account, "").getString("status"));
    List<Object> stored = storedUrls();
    assertEncrypted(stored.get(0), "pl4ylist-secret", "get.php", provider.url());
    assertEquals(null, stored.get(1));
    assertEncrypted(stored.get(2), "gu1de-secret", "epg.xml");
    JsonObject shown = Api.get("/api/accounts/" + account).json();
    assertEquals(provider.url() + "/epg.xml?token=***", shown.getString("provider_epg_url"));
    Reply refresh = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(200, refresh.status(), "the guide comes from the decrypted x-tvg-url: " + refresh);

    // An unchanged x-tvg-url is not written again (encrypting twice never gives the same text).
    assertEquals("ok", SyncIT.sync(account, "").getString("status"));
    assertEquals(stored.get(2), storedUrls().get(2));

    // The user's own guide URL and a new playlist URL: encrypted too, and used.
    Reply patched =
        Api.patch(
            "/api/accounts/" + account,
            Json.createObjectBuilder()
                .add("server", provider.url() + "/get.php?username=alice&password=n3w-secret")
                .add("epg_url", provider.url() + "/epg.xml?key=own-gu1de")
                .build()
                .toString());
    assertEquals(200, patched.status(), patched::toString);
    assertFalse(patched.body().contains("n3w-secret") || patched.body().contains("own-gu1de"));
    stored = storedUrls();
    assertEncrypted(stored.get(0), "n3w-secret", "get.php");
    assertEncrypted(stored.get(1), "own-gu1de", "epg.xml");
    assertEquals("ok", SyncIT.sync(account, "").getString("status"));
    refresh = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(200, refresh.status(), refresh::toString);

    // Values stored before encryption (before V14) are read as they are, and encrypted at start.
    Db.update(
        "UPDATE accounts SET server_url = ?, epg_url = ?, provider_epg_url = ? WHERE id = ?",
        playlistUrl,
        tvgUrl,
        tvgUrl,
        account);
    assertEquals("ok", SyncIT.sync(account, "").getString("status"), "a plain URL still works");
    try (Connection connection = Db.connect()) {
      int encrypted =
          PlaintextSecretsMigration.encryptPlainValues(connection, TestServer.secrets());
      assertTrue(encrypted >= 3, encrypted + " values encrypted");
    }
    stored = storedUrls();
    assertEncrypted(stored.get(0), "pl4ylist-secret");
    assertEncrypted(stored.get(1), "gu1de-secret");
    assertEncrypted(stored.get(2), "gu1de-secret");
    assertEquals("ok", SyncIT.sync(account, "").getString("status"), "read with the server's key");
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    assertFalse(TestServer.log().contains("pl4ylist-secret"), "no playlist password in the log");
    assertFalse(TestServer.log().contains("gu1de-secret"), "no guide token in the log");
  }
}
