package dev.lineup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subscription health, the sync history charts and the dashboard's "needs attention" list, over
 * HTTP against the fake provider: what the panel's user_info says shows on the card and the
 * dashboard, however the panel writes its expiry; each run records the channels it left; failing
 * syncs, held-back syncs, guides and empty playlists are listed with what to do.
 */
class DashboardIT {
  FakeProvider provider;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static String card(long account) {
    Reply card = Api.get("/accounts/" + account + "/card", "text/html");
    assertEquals(200, card.status(), card::toString);
    return card.body();
  }

  static String dashboard() {
    Reply page = Api.get("/", "text/html");
    assertEquals(200, page.status(), page::toString);
    return page.body();
  }

  /**
   * The dashboard's item of this kind ({@code subscription, confirm, failed, guide, playlist})
   * about {@code subject}, or null.
   */
  static String attention(String body, String subject, String kind) {
    Matcher items =
        Pattern.compile("<li class=\"[a-z]+ kind-" + kind + "\">(.*?)</li>", Pattern.DOTALL)
            .matcher(body);
    while (items.find()) {
      if (items.group(1).contains(">" + subject + "<")) {
        return items.group(0);
      }
    }
    return null;
  }

  static long synced(String name, FakeProvider provider) {
    long account = Accounts.create(name, provider);
    Reply sync = Api.post("/api/accounts/" + account + "/sync");
    assertEquals(200, sync.status(), sync::toString);
    return account;
  }

  static String name(long account) {
    return Api.get("/api/accounts/" + account).json().getString("name");
  }

  @Test
  void aSubscriptionEndingInTenDaysWarnsOnTheCardAndTheDashboard() {
    long expires = Instant.now().plus(10, ChronoUnit.DAYS).plusSeconds(3600).getEpochSecond();
    provider.userInfo(
        "\"status\":\"Active\",\"exp_date\":\""
            + expires
            + "\",\"max_connections\":\"2\",\"active_cons\":\"1\",\"is_trial\":\"0\"");
    long account = synced("Expiring", provider);
    String card = card(account);
    assertTrue(card.contains("Expires in 10 days"), card);
    assertTrue(card.contains("2 connections · 1 in use"), card);
    JsonObject api = Api.get("/api/accounts/" + account).json().getJsonObject("subscription");
    assertEquals(10, api.getInt("days_left"), api.toString());
    assertEquals(2, api.getInt("max_connections"));
    assertEquals("expires in 10 days · 2 connections · 1 in use", api.getString("summary"));
    assertEquals(1, api.getInt("active_connections"));
    assertEquals("Active", api.getString("status"));
    assertTrue(api.getString("warning").startsWith("Expires in 10 days"), api.toString());
    String item = attention(dashboard(), name(account), "subscription");
    assertNotNull(item, "the dashboard lists the expiring subscription");
    assertTrue(item.contains("kind-subscription") && item.contains("Expires in 10 days"), item);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"0\"", "\"\"", "0", "-1", "absent"})
  void anExpiryThatIsMissingOrZeroReadsNeverExpiresNotNineteenSeventy(String expDate) {
    provider.userInfo(
        "\"status\":\"Active\","
            + (expDate.equals("absent") ? "" : "\"exp_date\":" + expDate + ",")
            + "\"max_connections\":1");
    long account = synced("No expiry", provider);
    String card = card(account);
    assertTrue(card.contains("never expires · 1 connection"), card);
    assertFalse(card.contains("1970"), card);
    assertEquals(
        null, attention(dashboard(), name(account), "subscription"), "nothing to warn about");
    JsonObject test = Api.post("/api/accounts/" + account + "/test").json();
    assertTrue(test.getJsonObject("user_info").isNull("exp_date"), test.toString());
    assertFalse(test.getJsonObject("user_info").containsKey("exp_date_unreadable"), "Lineup's own");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"soon\"", "\"1970-01-01\"", "\"31/12/2027\""})
  void anExpiryThatCannotBeReadSaysSoRatherThanNeverExpires(String expDate) {
    provider.userInfo("\"status\":\"Active\",\"exp_date\":" + expDate);
    long account = synced("Unreadable expiry", provider);
    String card = card(account);
    assertTrue(card.contains("expiry not given"), card);
    assertFalse(card.contains("1970") || card.contains("never expires"), card);
  }

  @Test
  void anExpiredOrDisabledSubscriptionIsBadOnTheDashboard() {
    long past = Instant.now().minus(3, ChronoUnit.DAYS).getEpochSecond();
    provider.userInfo("\"status\":\"Active\",\"exp_date\":" + past);
    long expired = synced("Expired", provider);
    String day = LocalDate.ofInstant(Instant.ofEpochSecond(past), ZoneOffset.UTC).toString();
    assertTrue(card(expired).contains("Expired on " + day), card(expired));
    try (FakeProvider disabled = FakeProvider.start()) {
      disabled.userInfo("\"status\":\"Disabled\",\"exp_date\":null");
      long off = synced("Disabled", disabled);
      String body = dashboard();
      String item = attention(body, name(expired), "subscription");
      assertTrue(item != null && item.startsWith("<li class=\"bad"), item);
      assertTrue(item.contains("Expired on " + day), item);
      String disabledItem = attention(body, name(off), "subscription");
      assertTrue(disabledItem != null && disabledItem.contains("is Disabled"), disabledItem);
    }
  }

  @Test
  void eachRunRecordsTheChannelsItLeftAndTheChartEndsAtTheStoredCount() {
    long account = synced("History", provider);
    // The next run: five channels gone, two new ones.
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int i = 1; i <= 40; i++) {
      streams.add(
          Json.createObjectBuilder()
              .add("stream_id", i)
              .add("name", "Channel " + i)
              .add("category_id", "1"));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"All\"}]", streams.build().toString());
    Reply forced = Api.post("/api/accounts/" + account + "/sync?force=true");
    assertEquals(200, forced.status(), forced::toString);
    JsonObject last =
        Api.get("/api/accounts/" + account + "/sync/history").array().getJsonObject(0);
    JsonObject status = Api.get("/api/accounts/" + account + "/sync/status").json();
    assertEquals(40, last.getInt("channels_active"), last.toString());
    assertEquals(
        status.getJsonNumber("active_channels").intValue(), last.getInt("channels_active"));
    String card = card(account);
    Matcher chart = Pattern.compile("data-last=\"([0-9.]+)\" data-points=\"2\"").matcher(card);
    assertTrue(chart.find(), "a channel chart of two runs: " + card);
    assertEquals(40.0, Double.parseDouble(chart.group(1)));
    assertTrue(card.contains("<title>"), "each point says its figure");
  }

  @Test
  void guideMatchingRecordsTheCoverageOnTheLatestRun() throws InterruptedException {
    JsonArrayBuilder streams = Json.createArrayBuilder();
    String[] guides = {"one.uk", "two.uk", "", "", ""};
    for (int i = 0; i < guides.length; i++) {
      streams.add(
          Json.createObjectBuilder()
              .add("stream_id", i + 1)
              .add("name", "Covered " + (i + 1))
              .add("epg_channel_id", guides[i])
              .add("category_id", "1"));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"All\"}]", streams.build().toString());
    provider.serveGuide(
        "<tv><channel id=\"one.uk\"><display-name>Covered 1</display-name></channel>"
            + "<channel id=\"two.uk\"><display-name>Covered 2</display-name></channel>"
            + "<programme start=\"20260101000000 +0000\" stop=\"20360101000000 +0000\""
            + " channel=\"one.uk\"><title>A</title></programme></tv>");
    long account = synced("Coverage", provider);
    JsonObject last = null;
    for (int i = 0; i < 100; i++) {
      last = Api.get("/api/accounts/" + account + "/sync/history").array().getJsonObject(0);
      if (!last.isNull("channels_guided") && last.getInt("channels_guided") == 2) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(5, last.getInt("channels_active"), last.toString());
    assertEquals(2, last.getInt("channels_guided"), "two of five channels found their guide");
    assertTrue(card(account).contains("data-last=\"40.0\""), "the coverage chart ends at 40 %");
    // A second sync: its own run gets the figure, whenever the matching after it ends.
    Reply again = Api.post("/api/accounts/" + account + "/sync");
    long second = again.json().getJsonNumber("run_id").longValue();
    assertEquals(5, again.json().getInt("channels_active"), "the run's answer carries its count");
    JsonObject newest = null;
    for (int i = 0; i < 100; i++) {
      newest = Api.get("/api/accounts/" + account + "/sync/history").array().getJsonObject(0);
      if (!newest.isNull("channels_guided")) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(second, newest.getJsonNumber("run_id").longValue());
    assertEquals(2, newest.getInt("channels_guided"), newest.toString());
  }

  @Test
  void anM3uAccountShowsItsLastGoodFetchAndSizeAndAChannelWithoutANameGetsATitle() {
    provider.servePlaylist(
        "#EXTM3U\n#EXTINF:-1 tvg-id=\"one.uk\" group-title=\"News\",One\nhttp://x/1.ts\n"
            + "#EXTINF:-1 tvg-chno=\"7\" group-title=\"News\",\nhttp://x/2.ts\n");
    long account = Accounts.createM3u("Playlist", provider.url() + "/get.php?type=m3u_plus");
    assertEquals(200, Api.post("/api/accounts/" + account + "/sync").status());
    String card = card(account);
    assertTrue(card.contains("playlist fetched "), card);
    assertTrue(card.contains("· 2 channels"), card);
    String rows =
        Api.get("/preview/rows?account=" + account + "&filters_shown=1", "text/html").body();
    assertTrue(rows.contains("class=\"fallback\""), "a nameless channel is marked: " + rows);
    assertTrue(rows.contains(">Channel 7<"), "and titled as players see it: " + rows);
    String m3u = Api.get("/api/channels/preview?account_ids=" + account).body();
    assertTrue(m3u.contains("\"title\":\"Channel 7\""), m3u);
  }

  @Test
  void aSyncHeldBackByTheSafetyGateIsOfferedToConfirmOnTheDashboard() {
    long account = synced("Held back", provider);
    provider.serve("[{\"category_id\":\"1\",\"category_name\":\"All\"}]", "[]");
    Reply held = Api.post("/api/accounts/" + account + "/sync");
    assertEquals("suspicious", held.json().getString("status"), held::toString);
    String item = attention(dashboard(), name(account), "confirm");
    assertNotNull(item);
    assertTrue(item.contains("held back for confirmation"), item);
    assertTrue(item.contains("data-sync=\"" + account + "\" data-force"), item);
  }

  @Test
  void aFailingSyncIsListedWithItsErrorInWords() {
    long account = synced("Failing", provider);
    provider.behave(FakeProvider.Behaviour.HTML);
    Api.post("/api/accounts/" + account + "/sync");
    String item = attention(dashboard(), name(account), "failed");
    assertNotNull(item);
    assertTrue(item.contains("Last sync failed") && item.contains("HTML page"), item);
  }

  @Test
  void aPlaylistThatServesNoChannelIsListed() {
    long account = synced("Empty playlist", provider);
    String name = Accounts.uniqueName("Nothing");
    Reply made =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", name)
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .add("include_tags", Json.createArrayBuilder().add("NO-SUCH-TAG-" + account))
                .build()
                .toString());
    assertEquals(201, made.status(), made::toString);
    String item = attention(dashboard(), name, "playlist");
    assertNotNull(item, "the empty playlist is listed");
    assertTrue(item.contains("serves no channel"), item);
  }

  @Test
  void theFaviconIsServedToAnyone() throws Exception {
    HttpResponse<byte[]> icon =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, icon.statusCode());
    assertEquals(0, icon.body()[0]);
    assertEquals(1, icon.body()[2], "an icon resource");
  }
}
