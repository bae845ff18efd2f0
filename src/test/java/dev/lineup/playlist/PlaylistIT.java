package dev.lineup.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /playlist/{account_id}.m3u}: what players load. */
class PlaylistIT {
  FakeProvider provider;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    Api.patch("/api/settings", "{\"legacy_player_urls\": true}"); // these tests use the id URLs
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static void sync(long account) {
    Reply sync = Api.post("/api/accounts/" + account + "/sync?force=true");
    assertTrue(sync.json().getBoolean("success"), sync.toString());
  }

  static Reply playlist(long account) {
    return Api.get("/playlist/" + account + ".m3u", "*/*");
  }

  @Test
  void anXtreamAccountsPlaylistHasEveryActiveChannelPassingItsFiltersOnce() {
    provider.serveCapture();
    long account = Accounts.create("Playlist", provider);
    sync(account);
    Api.post(
        "/api/accounts/" + account + "/filters",
        "{\"name\":\"No 24/7\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\","
            + "\"filter_value\":\"24/7\"}");
    long expected =
        Db.number(
            "SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active AND passes_filters",
            account);
    long all = Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ?", account);
    assertTrue(expected > 1000 && expected < all, expected + " of " + all);

    Reply reply = playlist(account);
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.contentType().startsWith("audio/x-mpegurl"), reply.contentType());
    assertTrue(reply.header("Content-Disposition").contains(".m3u\""), reply.toString());
    List<String> lines = reply.body().lines().toList();
    assertEquals(
        "#EXTM3U x-tvg-url=\"" + Api.BASE_URL + "/epg/" + account + ".xml\"", lines.get(0));
    assertEquals(1 + 2 * expected, lines.size(), "a header, then an EXTINF and a URL per channel");
    // The fake provider's password is "p@ss w0rd&=?": a path segment must carry it encoded.
    Pattern url =
        Pattern.compile(
            Pattern.quote(
                    provider.url() + "/live/" + provider.username() + "/p%40ss%20w0rd%26%3D%3F/")
                + "\\d+\\.ts");
    for (int i = 1; i < lines.size(); i += 2) {
      String extinf = lines.get(i);
      assertTrue(extinf.startsWith("#EXTINF:-1 "), extinf);
      assertEquals(0, extinf.chars().filter(c -> c == '"').count() % 2, extinf);
      assertTrue(extinf.contains(" tvg-name=\""), extinf);
      assertTrue(url.matcher(lines.get(i + 1)).matches(), lines.get(i + 1));
    }
    assertTrue(
        reply
            .body()
            .lines()
            .filter(l -> l.startsWith("#EXTINF"))
            .map(l -> l.substring(l.lastIndexOf(',') + 1))
            .noneMatch(title -> title.contains("24/7")),
        "filtered out");
  }

  @Test
  void namesWithQuotesCommasAndLineBreaksStayOnTheirLine() {
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"Group \\\"One\\\"\"}]",
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("stream_id", 7)
                    .add("num", 3)
                    .add("name", "He said \"Hi\", then\nleft")
                    .add("stream_icon", "http://logo/7.png")
                    .add("epg_channel_id", "said.us")
                    .add("category_id", "1"))
            .build()
            .toString());
    long account = Accounts.create("Playlist quotes", provider);
    sync(account);
    List<String> lines = playlist(account).body().lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertEquals(
        "#EXTINF:-1 tvg-id=\"said.us\" tvg-name=\"He said 'Hi' then left\""
            + " tvg-logo=\"http://logo/7.png\" tvg-chno=\"3\" group-title=\"Group 'One'\""
            + ",He said \"Hi\" then left",
        lines.get(1));
  }

  @Test
  void anM3uAccountsChannelsPlayFromTheirOwnUrls() {
    provider.servePlaylist(FakeProvider.playlistFile("iptv-org_generated_index_fixture.m3u"));
    long account =
        Accounts.createM3u(
            "Playlist M3U", provider.url() + "/get.php?username=a&password=b&type=m3u_plus");
    sync(account);
    List<String> urls =
        playlist(account).body().lines().filter(l -> !l.startsWith("#")).sorted().toList();
    List<String> stored =
        Db.column("SELECT stream_url FROM channels WHERE account_id = ? AND is_active", account)
            .stream()
            .map(String::valueOf)
            .sorted()
            .toList();
    assertEquals(stored, urls);
  }

  @Test
  void unknownDisabledAndUnsyncedAccountsAreProblemsNotEmptyPlaylists() {
    Reply unknown = playlist(999_999);
    assertEquals(404, unknown.status(), unknown.toString());
    assertTrue(unknown.isProblem(), unknown.toString());
    assertEquals(404, Api.get("/playlist/nothing.txt", "*/*").status());

    long account = Accounts.create("Playlist unsynced", provider);
    Reply unsynced = playlist(account);
    assertEquals(503, unsynced.status(), unsynced.toString());
    assertTrue(unsynced.isProblem());
    assertTrue(unsynced.body().contains("/sync"), unsynced.body());
    assertEquals("60", unsynced.header("Retry-After"));

    provider.serveCapture();
    sync(account);
    Api.patch("/api/accounts/" + account, "{\"enabled\": false}");
    Reply disabled = playlist(account);
    assertEquals(403, disabled.status(), disabled.toString());
    assertTrue(disabled.isProblem());
  }

  @Test
  void anUnchangedPlaylistIsA304AndAChangedOneIsSentAgain() throws Exception {
    provider.serveCapture();
    long account = Accounts.create("Playlist cache", provider);
    sync(account);
    Reply first = playlist(account);
    assertEquals(200, first.status(), first.toString());
    String etag = first.header("ETag");
    String modified = first.header("Last-Modified");
    assertTrue(etag != null && etag.startsWith("W/\""), first.raw().headers().toString());
    assertTrue(modified != null && modified.endsWith(" GMT"), modified);

    String path = "/playlist/" + account + ".m3u";
    Reply same = Api.get(path, "*/*", "If-None-Match", etag);
    assertEquals(304, same.status(), same.toString());
    assertEquals("", same.body());
    assertEquals(etag, same.header("ETag"));
    assertEquals(304, Api.get(path, "*/*", "If-Modified-Since", modified).status());
    assertEquals(200, Api.get(path, "*/*", "If-None-Match", "W/\"something-else\"").status());

    // A new filter changes the playlist: the old ETag no longer matches.
    Api.post(
        "/api/accounts/" + account + "/filters",
        "{\"name\":\"No 24/7\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\","
            + "\"filter_value\":\"24/7\"}");
    Reply changed = Api.get(path, "*/*", "If-None-Match", etag);
    assertEquals(200, changed.status(), changed.toString());
    assertNotEquals(etag, changed.header("ETag"));
    assertTrue(changed.body().length() < first.body().length());

    // Renaming the account changes it too (the file name and, in configs, group suffixes).
    Api.patch("/api/accounts/" + account, "{\"name\": \"" + Accounts.uniqueName("Renamed") + "\"}");
    assertEquals(200, Api.get(path, "*/*", "If-None-Match", changed.header("ETag")).status());
  }

  @Test
  void playersThatAcceptGzipGetTheSamePlaylistCompressed() throws Exception {
    provider.serveCapture();
    long account = Accounts.create("Playlist gzip", provider);
    sync(account);
    String plain = playlist(account).body();
    HttpResponse<byte[]> zipped =
        Api.bytes("/playlist/" + account + ".m3u", "Accept-Encoding", "gzip, deflate");
    assertEquals(200, zipped.statusCode());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(zipped.headers().firstValue("Vary").orElse("").contains("Accept-Encoding"));
    assertTrue(zipped.body().length * 4 < plain.getBytes(StandardCharsets.UTF_8).length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertEquals(plain, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> refused =
        Api.bytes("/playlist/" + account + ".m3u", "Accept-Encoding", "gzip;q=0, identity");
    assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
    assertEquals(plain, new String(refused.body(), StandardCharsets.UTF_8));
  }

  @Test
  void callersSendingEveryTimeANewHostCannotMultiplyTheRenderedAnswersOnDisk() throws Exception {
    provider.serve(Channels.categories(2), Channels.streams(1, 20));
    long account = Accounts.create("Hosts", provider);
    sync(account);
    String m3u = Accounts.playlistOf("Hosts", account).getJsonObject("urls").getString("m3u");
    java.net.URI base = java.net.URI.create(Api.BASE_URL);
    // The folder is shared with server B and keeps other tests' answers: count this test's.
    java.nio.file.attribute.FileTime started =
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(1));
    for (int i = 0; i < 80; i++) {
      try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + m3u
                        + " HTTP/1.1\r\nHost: player"
                        + i
                        + ".example\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer =
            new String(
                socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("x-tvg-url=\"http://player" + i + ".example"), answer);
      }
    }
    java.nio.file.Path rendered = dev.lineup.support.TestServer.guides().resolve("rendered");
    assertTrue(java.nio.file.Files.isDirectory(rendered), rendered.toAbsolutePath().toString());
    try (var files = java.nio.file.Files.list(rendered)) {
      long count =
          files
              .filter(f -> f.toString().endsWith(".gz"))
              .filter(f -> modified(f).compareTo(started) >= 0)
              .count();
      assertTrue(count <= 64, count + " rendered answers kept for 80 hosts");
    }
  }

  private static java.nio.file.attribute.FileTime modified(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.getLastModifiedTime(file);
    } catch (java.io.IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0); // pruned meanwhile
    }
  }
}
