package dev.lineup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web pages over HTTP, without a browser: each page renders whole, htmx gets fragments alone,
 * and text from users and providers is escaped everywhere it shows.
 */
class WebPagesIT {
  static final String SCRIPT = "<script>alert('x')</script>";

  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    provider.serve(
        "[{\"category_id\":\"1\",\"category_name\":\"News "
            + SCRIPT.replace("'", "\\u0027")
            + "\"}]",
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("stream_id", 1)
                    .add("name", "Evil <img src=x onerror=alert(1)> TV")
                    .add("stream_icon", "javascript:alert(1)\" onload=\"alert(2)")
                    .add("category_id", "1"))
            .build()
            .toString());
    account = Accounts.create("Web " + SCRIPT, provider);
    assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static Reply page(String path) {
    Reply reply = Api.get(path, "text/html");
    assertEquals(200, reply.status(), path + ": " + reply);
    assertTrue(reply.contentType().startsWith("text/html"), reply.contentType());
    return reply;
  }

  @Test
  void everyPageRendersWithTheNavigationAndMarksItsOwnTab() {
    String[][] pages = {
      {"/", "Dashboard"},
      {"/accounts", "Accounts"},
      {"/preview", "Preview"},
      {"/tags", "Tags &amp; rules"},
      {"/filters", "Filters"},
      {"/playlists", "Playlists"}
    };
    for (String[] p : pages) {
      String body = page(p[0]).body();
      assertTrue(body.strip().startsWith("<!DOCTYPE html>"), p[0]);
      assertTrue(body.contains("aria-label=\"Main\""), p[0] + " has the navigation");
      assertTrue(
          body.contains("aria-current=\"page\">" + p[1] + "</a>"),
          p[0] + " marks its tab: " + body.substring(0, Math.min(body.length(), 1500)));
      assertTrue(body.contains("id=\"error-slot\""), p[0] + " has the error slot");
      assertTrue(body.contains("/webjars/htmx.org/"), p[0]);
    }
    assertEquals(
        200, Api.get(htmxPath(page("/").body()), "*/*").status(), "the htmx webjar is served");
  }

  static String htmxPath(String html) {
    int start = html.indexOf("/webjars/htmx.org/");
    return html.substring(start, html.indexOf('"', start));
  }

  @Test
  void htmxGetsFragmentsAlone() {
    Reply cards = Api.get("/accounts", "text/html", "HX-Request", "true");
    assertEquals(200, cards.status());
    assertFalse(cards.body().contains("<html"), "a fragment, not the page");
    assertTrue(cards.body().contains("id=\"account-" + account + "\""), cards.body());

    Reply card = Api.get("/accounts/" + account + "/card", "text/html", "HX-Request", "true");
    assertTrue(card.body().trim().startsWith("<article class=\"card\""), card.body());
    assertTrue(card.body().contains("Database"), "a synced account's badge");

    Reply rows = Api.get("/preview/rows?account=" + account + "&filters_shown=1", "text/html");
    assertTrue(rows.body().contains("id=\"total\""), rows.body());
    assertFalse(rows.body().contains("<html"));

    Reply unknown = Api.get("/accounts/999999/card", "text/html", "HX-Request", "true");
    assertEquals(404, unknown.status(), unknown.toString());
    assertTrue(unknown.isProblem(), "the error slot shows the API's problem");
  }

  @Test
  void textFromUsersAndProvidersIsEscapedOnEveryPage() {
    for (String path :
        new String[] {
          "/",
          "/accounts",
          "/preview",
          "/preview?account=" + account,
          "/tags",
          "/filters",
          "/playlists"
        }) {
      String body = page(path).body();
      assertFalse(body.contains(SCRIPT), path + " shows a script unescaped");
      assertFalse(body.contains("<img src=x"), path + " shows a provider's markup unescaped");
      assertFalse(
          body.contains("onload=\"alert"), path + " lets a value break out of its attribute");
    }
    assertTrue(page("/accounts").body().contains("&lt;script&gt;"), "the name is shown, escaped");
    assertTrue(
        page("/preview?account=" + account).body().contains("Evil &lt;img"),
        "the channel is shown, escaped");
  }

  @Test
  void theHistoryFragmentShowsEachRunAsTheApiDoes() {
    var run = Api.get("/api/accounts/" + account + "/sync/history").array().getJsonObject(0);
    String history = Api.get("/accounts/" + account + "/history", "text/html").body();
    assertTrue(
        history.contains("<td>" + run.getString("finished_at") + "</td>"),
        "the finish time as the API writes it: " + history);
    assertTrue(history.contains("<td class=\"ok\">ok</td>"), history);
    assertTrue(history.contains("<td>" + run.getInt("channels_added") + " / 0 / 0</td>"), history);
  }

  @Test
  void selectsOfferTheEnumsCodesWithTheirLabels() {
    String playlists = Api.get("/playlists", "text/html").body();
    assertTrue(
        playlists.contains("<option value=\"first_tag\">first tag</option>"),
        "the enums' codes and labels: " + playlists);
    assertTrue(
        Api.get("/accounts", "text/html")
            .body()
            .contains("<option value=\"m3u\">M3U playlist URL</option>"));
  }

  @Test
  void formFieldsHaveTheirLabelInputAttributesAndErrorSlot() {
    String card = Api.get("/accounts/" + account + "/card", "text/html").body();
    int start = card.indexOf("<label>Sync every");
    String field = card.substring(start, card.indexOf("</label>", start));
    for (String part :
        new String[] {
          "name=\"sync_interval_hours\"",
          "type=\"number\"",
          "min=\"0\"",
          "max=\"8760\"",
          "data-type=\"number\"",
          "data-empty=\"null\"",
          "<span class=\"field-error\" data-error-for=\"sync_interval_hours\"></span>"
        }) {
      assertTrue(field.contains(part), part + " in " + field);
    }
    assertTrue(
        card.contains("name=\"name\" value=\"Web &lt;script&gt;"), "the value, escaped: " + card);
  }
}
