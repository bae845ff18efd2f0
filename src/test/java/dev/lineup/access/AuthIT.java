package dev.lineup.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Api.Session;
import dev.lineup.support.Db;
import dev.lineup.support.Endpoints;
import dev.lineup.support.Endpoints.Endpoint;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.ServerLog;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Access: every API endpoint and page refuses a caller without a session or token (401 problem, or
 * a redirect to sign in); player URLs need only their token; sessions are signed, end on sign-out
 * and on a new password; cookie-signed changes need the CSRF token; other origins are refused; the
 * first-run setup page is the only way in before there is an admin.
 */
class AuthIT {
  /** Pages and files anyone may fetch. */
  private static final Set<String> PUBLIC =
      Set.of("/login", "/setup", "/p/*", "/playlist/*", "/epg/*", "/hdhr/*", "/s/*");

  /** The Xtream Codes doors: open to players, but only with a valid username and password. */
  private static final Set<String> XTREAM =
      Set.of(
          "/player_api.php",
          "/panel_api.php",
          "/get.php",
          "/xmltv.php",
          "/live/*",
          "/timeshift/*",
          "/streaming/timeshift.php");

  @Test
  void everyApiEndpointRefusesACallerWithoutCredentials() {
    Api.token(); // an admin exists, so the refusals are the signed-out ones
    List<Endpoint> endpoints = Endpoints.api();
    assertTrue(endpoints.size() > 40, "found the API's endpoints: " + endpoints);
    for (Endpoint endpoint : endpoints) {
      String method = endpoint.method();
      String path = endpoint.path();
      HttpResponse<String> reply =
          Api.anonymous(
              Api.request(path)
                  .header("Accept", "application/json")
                  .header("Content-Type", "application/json")
                  .method(
                      method,
                      method.equals("GET") || method.equals("DELETE")
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString("{}")));
      assertEquals(401, reply.statusCode(), endpoint + ": " + reply.body());
      assertTrue(
          reply
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"),
          endpoint::toString);
      assertTrue(reply.body().contains("Sign in at /login"), endpoint + ": " + reply.body());
      assertEquals(
          "Bearer realm=\"lineup\"", reply.headers().firstValue("WWW-Authenticate").orElse(null));
    }
  }

  @Test
  void everyPageSendsASignedOutBrowserToSignInAndBackAfterwards() throws Exception {
    Api.token();
    List<String> pages = pages();
    assertTrue(pages.size() >= 7, "found the pages: " + pages);
    for (String page : pages) {
      HttpResponse<String> browser =
          Api.anonymous(Api.request(page + "?x=1").header("Accept", "text/html").GET());
      assertEquals(302, browser.statusCode(), page + ": " + browser.body());
      assertEquals(
          "/login?next=" + java.net.URLEncoder.encode(page + "?x=1", "UTF-8"),
          location(browser),
          page);

      HttpResponse<String> htmx =
          Api.anonymous(Api.request(page).header("HX-Request", "true").GET());
      assertEquals(401, htmx.statusCode(), page);
      assertTrue(htmx.headers().firstValue("HX-Redirect").orElse("").startsWith("/login"), page);
    }
    HttpResponse<String> fragment =
        Api.anonymous(
            Api.request("/accounts/cards")
                .header("HX-Request", "true")
                .header("HX-Current-URL", Api.BASE_URL + "/accounts?sort=name")
                .GET());
    assertEquals(
        "/login?next=%2Faccounts%3Fsort%3Dname",
        fragment.headers().firstValue("HX-Redirect").orElse(null),
        "htmx comes back to its page, not to the fragment");
    HttpResponse<String> login = Api.anonymous(Api.request("/login?next=/filters").GET());
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("name=\"password\""), login.body());
    HttpResponse<String> signedIn =
        Api.anonymous(
            Api.form(
                "/login",
                "username",
                Api.ADMIN_USER.toUpperCase(),
                "password",
                Api.ADMIN_PASSWORD,
                "next",
                "/filters"));
    assertEquals(303, signedIn.statusCode(), signedIn.body());
    assertEquals("/filters", location(signedIn), "back where the browser wanted to go");
    String cookie = signedIn.headers().allValues("Set-Cookie").get(0);
    assertTrue(cookie.startsWith("lineup_session="), cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
    assertTrue(cookie.contains("Max-Age=2592000"), "30 days: " + cookie);
  }

  @Test
  void everyPageAndApiAnswerCarriesTheBrowserProtectionsAndNoInlineCode() throws Exception {
    Api.token();
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (String page : pages()) {
      HttpResponse<String> signedIn = Api.get(page, "text/html").raw();
      assertEquals(200, signedIn.statusCode(), page);
      String html = signedIn.body();
      assertFalse(
          java.util.regex.Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(),
          page + " has no inline script (the policy would block it)");
      assertFalse(
          java.util.regex.Pattern.compile(
                  "\\s(on[a-z]+|style)\\s*=", java.util.regex.Pattern.CASE_INSENSITIVE)
              .matcher(html)
              .find(),
          page + " has no inline handler or style attribute");
      answers.add(signedIn);
      answers.add(Api.anonymous(Api.request(page).GET())); // the redirect to sign in
    }
    answers.add(Api.get("/api/accounts").raw());
    answers.add(Api.post("/api/tokens", "{}").raw()); // a problem
    answers.add(Api.anonymous(Api.request("/api/accounts").GET())); // refused: 401
    answers.add(Api.anonymous(Api.request("/login").GET()));
    answers.add(Api.anonymous(Api.request("/static/lineup.js").GET()));
    for (HttpResponse<String> answer : answers) {
      String what = answer.request().uri() + " " + answer.statusCode();
      String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(policy.contains("script-src 'self'"), what + ": " + policy);
      assertTrue(policy.contains("style-src 'self'"), what + ": " + policy);
      assertTrue(policy.contains("frame-ancestors 'none'"), what + ": " + policy);
      assertEquals(
          "nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), what);
      assertEquals(
          "same-origin", answer.headers().firstValue("Referrer-Policy").orElse(null), what);
    }
  }

  @Test
  void publicUrlsNeedNoSignIn() {
    for (String open : List.of("/login", "/static/lineup.css", "/health/ready", "/metrics")) {
      HttpResponse<String> reply = Api.anonymous(Api.request(open).GET());
      assertEquals(200, reply.statusCode(), open);
    }
    HttpResponse<String> setup = Api.anonymous(Api.request("/setup").GET());
    assertEquals(302, setup.statusCode(), "setup is done: it leads to sign-in");
    assertTrue(location(setup).endsWith("/login"), location(setup));
  }

  @Test
  void playerUrlsNeedOnlyTheirTokenAndAWrongOneIsANotFound() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Players", provider);
      assertTrue(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
      JsonObject config = Accounts.playlistOf("Players", account);
      String m3u = config.getJsonObject("urls").getString("m3u");
      String epg = config.getJsonObject("urls").getString("epg");
      HttpResponse<String> player = Api.anonymous(Api.request(m3u).GET());
      assertEquals(200, player.statusCode(), player.body());
      assertTrue(player.body().startsWith("#EXTM3U"));
      assertFalse(
          player.headers().firstValue("Content-Security-Policy").orElse("").contains("'self'"),
          "the pages' policy is not put on player answers (their servlet sets its own)");
      assertNotEquals(401, Api.anonymous(Api.request(epg).GET()).statusCode());

      String secret = provider.password();
      String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
      for (String place : List.of("/metrics", "/api/accounts/" + account, "/accounts", "/")) {
        String body = Api.get(place, "*/*").body();
        assertFalse(body.contains(secret) || body.contains(encoded), place + " shows no password");
      }
      String log = ServerLog.text();
      assertFalse(
          log.contains(secret) || log.contains(encoded), "the server log has no provider password");

      String wrong = m3u.replaceFirst("/p/[^/]+/", "/p/" + "x".repeat(43) + "/");
      HttpResponse<String> refused = Api.anonymous(Api.request(wrong).GET());
      assertEquals(404, refused.statusCode(), refused.body());
    }
  }

  @Test
  void xtreamDoorsAreOpenToPlayersButGiveNothingWithoutValidCredentials() {
    // Usernames no user can have: refused before any password check, so the failures do not
    // count against this address in the Xtream sign-in throttle (XtreamIT signs in from it too).
    Set<String> found =
        new java.util.TreeSet<>(
            Endpoints.servletPatterns().stream().filter(XTREAM::contains).toList());
    assertEquals(new java.util.TreeSet<>(XTREAM), found, "the sweep knows every Xtream door");
    for (String api : List.of("/player_api.php", "/panel_api.php")) {
      for (String query :
          List.of(
              "", "?action=get_live_streams", "?username=no!user&password=x&action=get_series")) {
        HttpResponse<String> reply = Api.anonymous(Api.request(api + query).GET());
        assertEquals(200, reply.statusCode(), api + query);
        assertEquals("{\"user_info\":{\"auth\":0}}", reply.body(), api + query);
      }
    }
    for (String path :
        List.of(
            "/get.php",
            "/get.php?username=no!user&password=" + Api.ADMIN_PASSWORD,
            "/xmltv.php?username=no!user&password=y",
            "/live/no!user/" + Api.ADMIN_PASSWORD + "/1.ts",
            "/timeshift/no!user/y/60/2026-11-30:10-00/1.ts",
            "/streaming/timeshift.php?username=no!user&password=y&stream=1&start=2026-11-30:10-00"
                + "&duration=60",
            "/hdhr/" + "x".repeat(43) + "/discover.json",
            "/hdhr/" + "x".repeat(43) + "/lineup.json")) {
      HttpResponse<String> reply = Api.anonymous(Api.request(path).GET());
      assertEquals(404, reply.statusCode(), path + " " + reply.body());
      assertFalse(reply.body().contains("#EXTM3U") || reply.body().contains("<tv"), path);
    }
  }

  @Test
  void aWrongOrRevokedApiTokenIsRefused() {
    HttpResponse<String> wrong =
        Api.anonymous(
            Api.request("/api/accounts").header("Authorization", "Bearer lu_not-a-token").GET());
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("API token is not valid"), wrong.body());

    Reply made = Api.post("/api/tokens", "{\"name\": \"short-lived\"}");
    assertEquals(201, made.status(), made.toString());
    String token = made.json().getString("token");
    assertTrue(token.startsWith("lu_") && token.length() >= 35, token);
    assertFalse(Api.get("/api/tokens").body().contains(token), "never listed again");
    assertEquals(
        0L,
        Db.number("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? OR hint = ?", token, token),
        "only its hash is stored");

    HttpRequest.Builder use =
        Api.request("/api/accounts").header("Authorization", "Bearer " + token);
    assertEquals(200, Api.anonymous(use).statusCode());
    JsonObject listed =
        Api.get("/api/tokens").array().stream()
            .map(v -> v.asJsonObject())
            .filter(t -> t.getInt("id") == made.json().getInt("id"))
            .findFirst()
            .orElseThrow();
    assertFalse(listed.isNull("last_used_at"), "its use is recorded: " + listed);

    assertEquals(204, Api.delete("/api/tokens/" + made.json().getInt("id")).status());
    assertEquals(
        401,
        Api.anonymous(Api.request("/api/accounts").header("Authorization", "Bearer " + token))
            .statusCode(),
        "revoked at once");
    assertEquals(404, Api.delete("/api/tokens/" + made.json().getInt("id")).status());
    assertEquals(422, Api.post("/api/tokens", "{\"name\": \"\"}").status());
  }

  @Test
  void aChangedOrForgedSessionCookieIsRefused() {
    Session session = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    assertEquals(200, withCookie("/api/session", session.cookie()).statusCode());
    JsonObject who = Api.get("/api/session").json();
    assertEquals("token", who.getString("via"));

    String value = session.cookie().substring(session.cookie().indexOf('=') + 1);
    String[] parts = value.split("\\.");
    String longer =
        parts[0]
            + "."
            + parts[1]
            + "."
            + (Long.parseLong(parts[2]) + 86_400 * 365)
            + "."
            + parts[3]
            + "."
            + parts[4];
    String resigned = value.substring(0, value.lastIndexOf('.') + 1) + "A".repeat(43);
    for (String forged : List.of(longer, resigned, "v1.0.9999999999.x.y", "garbage")) {
      HttpResponse<String> reply = withCookie("/api/session", "lineup_session=" + forged);
      assertEquals(401, reply.statusCode(), forged);
      assertEquals(302, withCookie("/accounts", "lineup_session=" + forged).statusCode());
    }
  }

  @Test
  void changesSignedInByCookieNeedTheSessionsCsrfToken() {
    Session session = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    Session other = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    String body = "{\"name\": \"csrf\"}";
    for (String token : new String[] {null, "", "wrong", other.csrf()}) {
      HttpRequest.Builder post =
          Api.request("/api/tokens")
              .header("Cookie", session.cookie())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        post.header("X-CSRF-Token", token);
      }
      HttpResponse<String> refused = Api.anonymous(post);
      assertEquals(403, refused.statusCode(), "token " + token + ": " + refused.body());
      assertTrue(refused.body().contains("CSRF"), refused.body());
    }
    assertEquals(0L, Db.number("SELECT COUNT(*) FROM api_tokens WHERE name = 'csrf'"));
    HttpResponse<String> accepted =
        Api.anonymous(
            Api.request("/api/tokens")
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(201, accepted.statusCode(), accepted.body());
    HttpResponse<String> plainForm =
        Api.anonymous(Api.form("/logout").header("Cookie", session.cookie()));
    assertEquals(403, plainForm.statusCode(), "sign-out is a change too");
  }

  @Test
  void otherOriginsAreRefusedAndGetNoCorsHeaders() {
    HttpResponse<String> post =
        Api.anonymous(
            Api.authorized(Api.request("/api/tokens"))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"cors\"}")));
    assertEquals(403, post.statusCode(), post.body());
    assertTrue(post.body().contains("Cross-origin"), post.body());
    assertEquals(0L, Db.number("SELECT COUNT(*) FROM api_tokens WHERE name = 'cors'"));

    HttpResponse<String> preflight =
        Api.anonymous(
            Api.request("/api/accounts")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, preflight.statusCode());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

    HttpResponse<String> read =
        Api.anonymous(
            Api.authorized(Api.request("/api/accounts")).header("Origin", "https://evil.example"));
    assertTrue(
        read.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        "a browser on another site cannot read the answer");

    HttpResponse<String> login =
        Api.anonymous(
            Api.form("/login", "username", Api.ADMIN_USER, "password", Api.ADMIN_PASSWORD)
                .header("Origin", "https://evil.example"));
    assertEquals(403, login.statusCode(), "no signing in from another site");
    assertTrue(login.headers().allValues("Set-Cookie").isEmpty());

    HttpResponse<String> same =
        Api.anonymous(
            Api.authorized(Api.request("/api/tokens"))
                .header("Origin", Api.BASE_URL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"same origin\"}")));
    assertEquals(201, same.statusCode(), same.body());
  }

  @Test
  void aWrongPasswordIsRefusedAndSignOutEndsEverySession() {
    HttpResponse<String> wrong =
        Api.anonymous(
            Api.form("/login", "username", Api.ADMIN_USER, "password", "not the password"));
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("Wrong username or password"), wrong.body());
    assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty());
    HttpResponse<String> nobody =
        Api.anonymous(Api.form("/login", "username", "nobody", "password", Api.ADMIN_PASSWORD));
    assertEquals(401, nobody.statusCode());

    Session phone = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    Session laptop = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    HttpResponse<String> out =
        Api.anonymous(
            Api.form("/logout", "csrf_token", laptop.csrf()).header("Cookie", laptop.cookie()));
    assertEquals(303, out.statusCode(), out.body());
    assertEquals("/login", location(out));
    assertTrue(out.headers().allValues("Set-Cookie").get(0).contains("Max-Age=0"));
    assertEquals(401, withCookie("/api/session", laptop.cookie()).statusCode());
    assertEquals(401, withCookie("/api/session", phone.cookie()).statusCode(), "everywhere");
    assertEquals(200, Api.get("/api/accounts").status(), "API tokens stay valid");
  }

  @Test
  void aNewPasswordNeedsTheCurrentOneAndEndsOtherSessions() {
    Session session = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    Session other = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    HttpResponse<String> refused =
        changePassword(session, "wrong current", "a-new-password-1", "a-new-password-1");
    assertEquals(422, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("current_password"), refused.body());
    HttpResponse<String> tooShort = changePassword(session, Api.ADMIN_PASSWORD, "short", "short");
    assertEquals(422, tooShort.statusCode());
    assertTrue(tooShort.body().contains("new_password"), tooShort.body());

    HttpResponse<String> changed =
        changePassword(session, Api.ADMIN_PASSWORD, "a-new-password-1", "a-new-password-1");
    try {
      assertEquals(200, changed.statusCode(), changed.body());
      assertEquals(401, withCookie("/api/session", other.cookie()).statusCode());
      assertEquals(401, withCookie("/api/session", session.cookie()).statusCode());
      String renewed = changed.headers().allValues("Set-Cookie").get(0).split(";")[0];
      assertEquals(200, withCookie("/api/session", renewed).statusCode(), "this browser stays in");
      assertNotEquals(
          303,
          Api.anonymous(
                  Api.form("/login", "username", Api.ADMIN_USER, "password", Api.ADMIN_PASSWORD))
              .statusCode(),
          "the old password no longer signs in");
    } finally {
      Session again = Api.signIn(Api.ADMIN_USER, "a-new-password-1");
      assertEquals(
          200,
          changePassword(again, "a-new-password-1", Api.ADMIN_PASSWORD, Api.ADMIN_PASSWORD)
              .statusCode());
    }
  }

  @Test
  void aSecondSetupIsRefusedAndTheFirstRunLeadsEverywhereToSetup() {
    Api.token();
    HttpResponse<String> again =
        Api.anonymous(
            Api.form(
                "/setup",
                "setup_code",
                Api.setupCode(),
                "username",
                "intruder",
                "password",
                "intruder-password",
                "confirmation",
                "intruder-password"));
    assertEquals(409, again.statusCode(), again.body());
    assertEquals(1L, Db.number("SELECT COUNT(*) FROM admins"));
    assertEquals(Api.ADMIN_USER, Db.column("SELECT username FROM admins").get(0));

    List<List<Object>> admin =
        Db.rows(
            "SELECT id, username, password_hash, session_epoch, created_at, updated_at FROM admins",
            List.of());
    Db.update("DELETE FROM admins");
    try {
      HttpResponse<String> page = Api.anonymous(Api.request("/accounts").GET());
      assertEquals(302, page.statusCode());
      assertTrue(location(page).endsWith("/setup"), location(page));
      HttpResponse<String> api = Api.anonymous(Api.request("/api/accounts").GET());
      assertEquals(401, api.statusCode());
      assertTrue(api.body().contains("/setup"), api.body());
      assertTrue(location(Api.anonymous(Api.request("/login").GET())).endsWith("/setup"));
      String used = Api.setupCode();
      HttpResponse<String> form = Api.anonymous(Api.request("/setup").GET());
      assertEquals(200, form.statusCode());
      assertTrue(form.body().contains("name=\"confirmation\""));
      assertTrue(form.body().contains("name=\"setup_code\""), "the form asks for the code");
      String code = Api.setupCode();
      assertNotEquals(used, code, "the page logged a new code; the first one was used up");

      assertSetupRefused(null, "no code");
      assertSetupRefused("ABCD-EFGH-JKMN", "a wrong code");
      assertSetupRefused(used, "the code that created the first admin");
      HttpResponse<String> script =
          Api.anonymous(
              Api.form(
                      "/setup",
                      "setup_code",
                      "WRONG",
                      "username",
                      "first",
                      "password",
                      "first-password",
                      "confirmation",
                      "first-password")
                  .header("Accept", "application/json"));
      assertEquals(403, script.statusCode(), script.body());
      assertTrue(
          script.headers().firstValue("Content-Type").orElse("").startsWith("application/problem"),
          "a script gets a problem: " + script.headers());
      assertTrue(script.body().contains("setup_code"), script.body());
      assertEquals(0L, Db.number("SELECT COUNT(*) FROM admins"), "nothing stored");

      HttpResponse<String> bad =
          Api.anonymous(
              Api.form(
                  "/setup",
                  "setup_code",
                  code,
                  "username",
                  "",
                  "password",
                  "short",
                  "confirmation",
                  "other"));
      assertEquals(422, bad.statusCode());
      assertTrue(bad.body().contains("at least 10 characters"), bad.body());
      assertTrue(bad.body().contains("must be 1 to 64 characters"), bad.body());
      assertEquals(0L, Db.number("SELECT COUNT(*) FROM admins"), "nothing stored");
      HttpResponse<String> mismatch =
          Api.anonymous(
              Api.form(
                  "/setup",
                  "setup_code",
                  code.toLowerCase(),
                  "username",
                  "first",
                  "password",
                  "first-password",
                  "confirmation",
                  "first-passw0rd"));
      assertEquals(422, mismatch.statusCode());
      assertTrue(mismatch.body().contains("does not match"), mismatch.body());

      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
      for (String name : List.of("first", "second")) {
        both.add(
            java.util.concurrent.CompletableFuture.supplyAsync(
                () ->
                    Api.anonymous(
                        Api.form(
                            "/setup",
                            "setup_code",
                            code,
                            "username",
                            name,
                            "password",
                            name + "-password",
                            "confirmation",
                            name + "-password"))));
      }
      List<Integer> statuses = both.stream().map(f -> f.join().statusCode()).sorted().toList();
      assertEquals(List.of(303, 409), statuses, "two setups at once: one admin");
      assertEquals(1L, Db.number("SELECT COUNT(*) FROM admins"));
    } finally {
      Db.update("DELETE FROM admins");
      List<Object> row = admin.get(1);
      Db.update(
          "INSERT INTO admins (id, username, password_hash, session_epoch, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          row.toArray());
    }
  }

  /** A setup with this code (or none) is a 403 form that names the code, and stores nothing. */
  private static void assertSetupRefused(String code, String why) {
    List<String> fields =
        new ArrayList<>(
            List.of(
                "username",
                "stranger",
                "password",
                "stranger-password",
                "confirmation",
                "stranger-password"));
    if (code != null) {
      fields.addAll(List.of("setup_code", code));
    }
    HttpResponse<String> refused = Api.anonymous(Api.form("/setup", fields.toArray(String[]::new)));
    assertEquals(403, refused.statusCode(), why + ": " + refused.body());
    assertTrue(refused.body().contains("is not the setup code"), why + ": " + refused.body());
    assertTrue(refused.headers().allValues("Set-Cookie").isEmpty(), why);
    assertEquals(0L, Db.number("SELECT COUNT(*) FROM admins"), why + ": nothing stored");
  }

  @Test
  void signInFormsTakeHostileInputAsPlainText() throws Exception {
    String script = "<script>alert(1)</script>";
    for (String[] fields :
        List.of(
            new String[] {"username", script, "password", "x"},
            new String[] {"username", "' OR '1'='1", "password", "' OR '1'='1"},
            new String[] {"username", "a".repeat(100_000), "password", "b".repeat(100_000)},
            new String[] {"username", Api.ADMIN_USER},
            new String[] {"next", "//evil.example/", "username", "\u0000", "password", "\u0000"})) {
      HttpResponse<String> reply = Api.anonymous(Api.form("/login", fields));
      assertTrue(reply.statusCode() == 401 || reply.statusCode() == 400, reply.statusCode() + "");
      assertFalse(reply.body().contains(script), "escaped");
      assertTrue(reply.headers().allValues("Set-Cookie").isEmpty());
    }
    int mark = ServerLog.mark();
    Api.anonymous(
        Api.form("/login", "username", "spoofer", "password", "x")
            .header("X-Forwarded-For", "203.0.113.9"));
    String logged = ServerLog.await(mark, "Failed sign-in from ");
    assertFalse(
        logged.contains("203.0.113.9"),
        "X-Forwarded-For counts only from TRUSTED_PROXIES (none by default): " + logged);
    HttpResponse<String> redirect =
        Api.anonymous(
            Api.form(
                "/login",
                "username",
                Api.ADMIN_USER,
                "password",
                Api.ADMIN_PASSWORD,
                "next",
                "//evil.example/"));
    assertEquals(303, redirect.statusCode());
    assertEquals("/", location(redirect), "no redirect off the server");
    assertEquals(1L, Db.number("SELECT COUNT(*) FROM admins"));
  }

  private static HttpResponse<String> changePassword(
      Session session, String current, String password, String confirmation) {
    return Api.anonymous(
        Api.request("/api/session/password")
            .header("Cookie", session.cookie())
            .header("X-CSRF-Token", session.csrf())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"current_password\": \""
                        + current
                        + "\", \"new_password\": \""
                        + password
                        + "\", \"confirmation\": \""
                        + confirmation
                        + "\"}")));
  }

  private static HttpResponse<String> withCookie(String path, String cookie) {
    return Api.anonymous(Api.request(path).header("Cookie", cookie).GET());
  }

  private static String location(HttpResponse<String> reply) {
    String location = reply.headers().firstValue("Location").orElse(null);
    assertNotEquals(null, location, "a redirect");
    return location.replaceFirst("^https?://[^/]+", "");
  }

  /** Every web page's URL (the servlets' patterns, without the public ones). */
  static List<String> pages() {
    return Endpoints.servletPatterns().stream()
        .filter(
            p ->
                !PUBLIC.contains(p)
                    && !XTREAM.contains(p)
                    && !p.endsWith("/*")
                    && !p.equals("/logout"))
        .map(p -> p.isEmpty() ? "/" : p)
        .toList();
  }
}
