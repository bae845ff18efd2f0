package dev.lineup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.Node;
import dev.lineup.support.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium (Debian's {@code chromium} driven by playwright-core, from
 * src/test/ui): add an account against the fake provider (a bad one first), sync it and watch the
 * badge become "Database", preview with a search and a tag and scroll to the end, build a playlist
 * and fetch its URL, add a guide source and reject a match; the subscription's warning and the
 * history chart on the card and the dashboard, a sync held back by the safety gate confirmed from
 * the dashboard, the core flow by keyboard alone, every page at phone width (390 px) without
 * sideways scrolling, and axe-core on every page (no serious or critical violation). Screenshots of
 * each page, desktop and phone, go to target/screenshots.
 */
class BrowserIT {
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

  @Test
  void aUserAddsAnAccountSyncsItPreviewsItAndBuildsAPlaylist() throws Exception {
    Tools.debianAt(Path.of(CHROMIUM), "chromium", "chromium");
    Api.post("/api/rulesets/create-default");
    Path ui = Node.install("ui");
    try (FakeProvider provider = FakeProvider.start()) {
      provider.serveCapture();
      // The subscription ends in 10 days (and an hour): the card and the dashboard warn.
      provider.userInfo(
          "\"status\":\"Active\",\"exp_date\":\""
              + (System.currentTimeMillis() / 1000 + 10 * 86_400 + 3_600)
              + "\",\"max_connections\":\"2\",\"active_cons\":\"1\",\"is_trial\":\"0\"");
      // A guide for the Guides page's source (served at /epg.xml): the capture's "ES: ESPN
      // DEPORTES"
      provider.serveGuide(
          "<tv><channel id=\"ESPNDeportes\"><display-name>ESPN Deportes</display-name></channel>"
              + "<programme start=\"20260101000000 +0000\" stop=\"20360101000000 +0000\""
              + " channel=\"ESPNDeportes\"><title>Fútbol</title></programme></tv>");
      Node.Result walk =
          Node.run(
              ui,
              List.of("node", "ui.mjs"),
              Map.of(
                  "BASE_URL", Api.BASE_URL,
                  "ADMIN_USER", Api.ADMIN_USER,
                  "ADMIN_PASSWORD", Api.ADMIN_PASSWORD,
                  "PROVIDER_URL", provider.url(),
                  "PROVIDER_USER", provider.username(),
                  "PROVIDER_PASS", provider.password(),
                  "ACCOUNT_NAME", Accounts.uniqueName("Browser"),
                  "CHROMIUM", CHROMIUM,
                  "SCREENSHOTS", Path.of("target", "screenshots").toAbsolutePath().toString()),
              240);
      System.out.println(walk.output());
      assertEquals(0, walk.status(), walk.output());
    }
  }
}
