package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.channel.PreviewIT;
import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Endpoints;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.StreamClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document ({@code /openapi}) against the running API: every endpoint is in it, every
 * request body is a typed object, every error is problem+json, and every answer the API really
 * gives (made here with real data, for every operation) has a documented status and exactly the
 * member names of its documented schema, so a client generated from the document reads and sends
 * the real JSON.
 */
class OpenApiIT {
  private static final String PROBLEM_JSON = "application/problem+json";
  private static JsonObject document;
  private static FakeProvider provider;

  @BeforeAll
  static void fetchTheDocument() {
    var raw =
        Api.anonymous(
            Api.request("/openapi?format=JSON").header("Accept", "application/json").GET());
    assertEquals(200, raw.statusCode(), raw::body);
    document = parse(raw.body()).asJsonObject();
    provider = FakeProvider.start();
    provider.serve(PreviewIT.categories(), PreviewIT.streams(PreviewIT.LINEUP.length));
    provider.serveGuide(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tv><channel id="cnn.us"><display-name>CNN</display-name></channel>
        <programme start="20261126060000 +0000" stop="20261126070000 +0000" channel="cnn.us">
        <title>News</title></programme></tv>
        """);
  }

  @AfterAll
  static void stopTheProvider() {
    provider.close();
  }

  @Test
  void everyApiEndpointIsDocumented() {
    List<String> missing = new ArrayList<>();
    for (Endpoints.Endpoint endpoint : Endpoints.api()) {
      if (operation(endpoint.method(), endpoint.path()) == null) {
        missing.add(endpoint.toString());
      }
    }
    assertTrue(missing.isEmpty(), "not in /openapi: " + missing);
  }

  @Test
  void requestBodiesAreTypedObjectsNotStrings() {
    forEachOperation(
        (method, path, operation) -> {
          JsonObject body = operation.getJsonObject("requestBody");
          if (body == null) {
            return;
          }
          for (var content : body.getJsonObject("content").entrySet()) {
            if (content.getKey().equals("application/octet-stream")) {
              continue; // an upload (the legacy database file) is bytes, rightly
            }
            JsonObject schema = resolve(content.getValue().asJsonObject().getJsonObject("schema"));
            String where = method + " " + path + " " + content.getKey();
            assertEquals("object", schema.getString("type", ""), where + ": " + schema);
            assertTrue(!schema.getJsonObject("properties").isEmpty(), where + ": " + schema);
          }
        });
  }

  @Test
  void errorsAreDocumentedAsProblemJsonAndTheApiNeedsABearerToken() {
    forEachOperation(
        (method, path, operation) -> {
          JsonObject responses = operation.getJsonObject("responses");
          assertTrue(responses.containsKey("401"), method + " " + path + " has no 401");
          for (var response : responses.entrySet()) {
            if (response.getKey().compareTo("400") >= 0) {
              JsonObject content =
                  resolve(response.getValue().asJsonObject()).getJsonObject("content");
              String where = method + " " + path + " " + response.getKey();
              assertEquals(Set.of(PROBLEM_JSON), content.keySet(), where);
              JsonObject problem =
                  resolve(content.getJsonObject(PROBLEM_JSON).getJsonObject("schema"));
              assertTrue(
                  problem
                      .getJsonObject("properties")
                      .keySet()
                      .containsAll(List.of("type", "title", "status", "detail")),
                  where);
            }
          }
        });
    JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
    assertTrue(
        schemes.values().stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                s -> "http".equals(s.getString("type")) && "bearer".equals(s.getString("scheme"))),
        schemes.toString());
    assertTrue(!document.getJsonArray("security").isEmpty(), "the API is secured by default");
  }

  /**
   * Calls every documented operation with real data and compares each answer with the document: its
   * status is documented (201 for creations), and its members are the schema's.
   */
  @Test
  void everyAnswerHasADocumentedStatusAndTheDocumentedMemberNames() {
    Calls calls = new Calls();
    calls.send("POST", "/api/rulesets/create-default", null); // the first sync tags with it
    long account =
        calls.created(
            "/api/accounts",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("OpenAPI"))
                .add("server", provider.url())
                .add("username", provider.username())
                .add("password", provider.password())
                .build());
    String a = "/api/accounts/" + account;
    calls.send("GET", "/api/accounts", null);
    calls.send("GET", a, null);
    String name = calls.last.json().getString("name");
    calls.send(
        "PUT",
        a,
        Json.createObjectBuilder()
            .add("name", name)
            .add("server", provider.url())
            .add("username", provider.username())
            .add("sync_interval_hours", 0)
            .build());
    calls.send("PATCH", a, Json.createObjectBuilder().add("epg_url", JsonValue.NULL).build());
    calls.send("PATCH", a, Json.createObjectBuilder().add("max_connections", 2).build());
    calls.send("POST", a + "/test", null);
    calls.send("POST", a + "/sync?force=true", null);
    assertEquals(200, calls.last.status(), calls.last::toString);
    Accounts.awaitSearchIndex(account, 20);
    calls.send("GET", a + "/sync/status", null);
    calls.send("GET", a + "/sync/history?limit=5", null);
    calls.send("DELETE", a + "/sync", null); // none runs: 409
    calls.send("POST", a + "/sync?async=true", null);
    assertEquals(202, calls.last.status(), calls.last::toString);
    awaitIdle(account);
    calls.send("POST", "/api/sync/all", null);
    calls.send("POST", "/api/maintenance/optimize?purge_inactive_days=36500", null);
    calls.send("GET", a + "/preview?limit=3", null);
    calls.send("GET", "/api/channels/preview?limit=3&account_ids=" + account, null);
    calls.send("GET", "/api/channels/preview?limit=3&merged=true&account_ids=" + account, null);
    calls.send("POST", a + "/epg/refresh", null);
    calls.send("GET", a + "/epg", null);
    calls.send("POST", "/api/epg/match?account_id=" + account, null);
    calls.send("POST", a + "/epg/match", null);
    calls.send("GET", "/api/epg/guide-channels?search=n&limit=3", null);
    calls.send("GET", "/api/epg/guide-channels", null); // search is required: 400
    calls.send("GET", "/api/epg/matches?limit=2&account_id=" + account, null);
    long channel =
        calls
            .last
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("channel_id")
            .longValue();
    long other =
        calls
            .last
            .json()
            .getJsonArray("items")
            .getJsonObject(1)
            .getJsonNumber("channel_id")
            .longValue();
    String g = "/api/channels/" + channel + "/guide";
    calls.send("GET", g, null);
    calls.send("PUT", g, Json.createObjectBuilder().addNull("guide_channel_id").build());
    calls.send("PUT", g, Json.createObjectBuilder().add("guide_channel_id", "no.such").build());
    calls.send("DELETE", g, null);
    calls.send(
        "PUT",
        "/api/merged-channels",
        Json.createObjectBuilder()
            .add("sources", Json.createArrayBuilder().add(channel).add(other))
            .build());
    calls.send("GET", "/api/merged-channels?limit=2", null);
    calls.send(
        "PUT",
        "/api/merged-channels",
        Json.createObjectBuilder()
            .add("sources", Json.createArrayBuilder().add(channel).add(channel))
            .build());
    calls.send("DELETE", "/api/merged-channels/" + other, null);
    JsonObject guideSource =
        Json.createObjectBuilder()
            .add("name", Accounts.uniqueName("Guide source"))
            .add("url", provider.url() + "/epg.xml")
            .add("priority", 5)
            .build();
    long sourceId = calls.created("/api/guide-sources", guideSource);
    String gs = "/api/guide-sources/" + sourceId;
    calls.send("GET", "/api/guide-sources", null);
    calls.send("GET", gs, null);
    calls.send("PUT", gs, Json.createObjectBuilder(guideSource).add("refresh_hours", 12).build());
    calls.send("POST", gs + "/refresh", null);
    calls.send("DELETE", gs, null);

    long ruleset =
        calls.created(
            "/api/rulesets",
            Json.createObjectBuilder().add("name", Accounts.uniqueName("Set")).build());
    String r = "/api/rulesets/" + ruleset;
    calls.send("GET", "/api/rulesets", null);
    calls.send("GET", r, null);
    String setName = calls.last.json().getJsonObject("ruleset").getString("name");
    calls.send(
        "PUT", r, Json.createObjectBuilder().add("name", setName).add("priority", 50).build());
    calls.send("PATCH", r, Json.createObjectBuilder().add("description", "d").build());
    JsonObject rule =
        Json.createObjectBuilder()
            .add("name", "HD")
            .add("pattern", "HD")
            .add("pattern_type", "suffix")
            .add("tag_name", "HD")
            .build();
    calls.created(r + "/rules", rule);
    calls.send("GET", r + "/rules", null);
    calls.send(
        "POST",
        r + "/test",
        Json.createObjectBuilder()
            .add("channel_name", "US: CNN HD")
            .add("account_id", account)
            .build());
    long tagRule =
        calls.created(
            "/api/tag-rules", Json.createObjectBuilder(rule).add("ruleset_id", ruleset).build());
    String t = "/api/tag-rules/" + tagRule;
    calls.send("GET", "/api/tag-rules?ruleset_id=" + ruleset, null);
    calls.send("GET", t, null);
    calls.send("PUT", t, rule);
    calls.send("PATCH", t, Json.createObjectBuilder().add("priority", 7).build());
    calls.send("DELETE", t, null);
    calls.send(
        "POST",
        a + "/rulesets",
        Json.createObjectBuilder().add("ruleset_id", ruleset).add("priority", 1).build());
    calls.send("GET", a + "/rulesets", null);
    calls.send("DELETE", a + "/rulesets/" + ruleset, null);
    calls.send("POST", a + "/process-tags", null);
    calls.send("GET", "/api/tags?with_counts=true&account_id=" + account, null);
    calls.send("GET", a + "/tags", null);
    calls.send("GET", a + "/tags/search?q=u&limit=5", null);
    calls.send("DELETE", r, null);

    JsonObject filter =
        Json.createObjectBuilder()
            .add("name", "News")
            .add("filter_type", "channel_name")
            .add("filter_action", "blacklist")
            .add("filter_value", "News")
            .build();
    long f =
        calls.created(
            "/api/filters", Json.createObjectBuilder(filter).add("account_id", account).build());
    calls.created(a + "/filters", filter);
    calls.send("GET", "/api/filters?account_id=" + account, null);
    calls.send("GET", a + "/filters", null);
    calls.send("GET", "/api/filters/" + f, null);
    calls.send("PUT", "/api/filters/" + f, filter);
    calls.send(
        "PATCH", "/api/filters/" + f, Json.createObjectBuilder().add("enabled", false).build());
    calls.send("DELETE", "/api/filters/" + f, null);

    long playlist =
        calls.created(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("List"))
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .add("group_by", "first_tag")
                .build());
    String p = "/api/playlist-configs/" + playlist;
    calls.send("GET", "/api/playlist-configs", null);
    calls.send("GET", p, null);
    calls.send(
        "PUT",
        p,
        Json.createObjectBuilder()
            .add("name", calls.last.json().getString("name"))
            .add("include_accounts", Json.createArrayBuilder().add(account))
            .add("include_tags", Json.createArrayBuilder().add("US"))
            .build());
    calls.send("GET", p + "/preview?limit=2", null);
    long playing =
        calls.last.json().getJsonArray("channels").getJsonObject(0).getJsonNumber("id").longValue();
    calls.send(
        "PUT", p + "/numbers/" + channel, Json.createObjectBuilder().add("number", 5).build());
    calls.send("POST", p + "/rotate-token", null);
    String m3uToken = calls.last.json().getJsonObject("urls").getString("m3u").split("/")[2];
    relayedStream(calls, m3uToken, playing);

    JsonObject user =
        Json.createObjectBuilder()
            .add("username", "openapi" + Long.toString(System.nanoTime(), 36))
            .add("playlist_id", playlist)
            .add("expires_at", "2099-12-31")
            .build();
    calls.send("POST", "/api/xtream-users", user);
    long xtreamUser = calls.last.json().getJsonObject("user").getJsonNumber("id").longValue();
    String u = "/api/xtream-users/" + xtreamUser;
    calls.send("GET", "/api/xtream-users", null);
    calls.send("GET", u, null);
    calls.send("PUT", u, Json.createObjectBuilder(user).add("max_connections", 2).build());
    calls.send("POST", u + "/password", null);
    calls.send("DELETE", p, null); // refused while the user signs in to it: a 409, documented
    calls.send("DELETE", u, null);
    calls.send("DELETE", p, null);

    calls.send("GET", "/api/settings", null);
    boolean legacy = calls.last.json().getBoolean("legacy_player_urls");
    calls.send(
        "PATCH",
        "/api/settings",
        Json.createObjectBuilder().add("legacy_player_urls", legacy).build());
    calls.send("GET", "/api/session", null);
    calls.send(
        "POST",
        "/api/session/password",
        Json.createObjectBuilder()
            .add("current_password", Api.ADMIN_PASSWORD)
            .add("new_password", Api.ADMIN_PASSWORD)
            .add("confirmation", Api.ADMIN_PASSWORD)
            .build());
    long token =
        calls.created("/api/tokens", Json.createObjectBuilder().add("name", "OpenAPI").build());
    calls.send("GET", "/api/tokens", null);
    calls.send("DELETE", "/api/tokens/" + token, null);
    calls.send("GET", a + "/categories", null);
    calls.send("GET", a + "/stats", null);
    calls.send("GET", "/api/backup", null);
    JsonObject backup = calls.last.json();
    calls.send("POST", "/api/backup?dry_run=true", backup);
    calls.send("POST", "/api/backup", Json.createObjectBuilder().add("format", "other/1").build());
    calls.sendRaw("POST", "/api/import/legacy?dry_run=true", "not a database");
    calls.send("GET", "/api/accounts/987654321", null); // an error answer, checked too
    calls.send("DELETE", a, null);

    // Server-sent events are a stream, not one JSON answer (their 200 and 404 are documented).
    Set<String> notCalled = new TreeSet<>(allOperations());
    notCalled.removeAll(calls.operations);
    notCalled.remove("GET /api/accounts/{id}/sync/events");
    assertTrue(notCalled.isEmpty(), "operations this test does not check: " + notCalled);
    calls.failures.addAll(calls.all.neverSent());
    assertTrue(calls.failures.isEmpty(), String.join("\n", calls.failures));
  }

  /** A player on a relayed stream, so that /api/streams shows one; then it is stopped. */
  private static void relayedStream(Calls calls, String token, long channel) {
    try (StreamClient viewer = StreamClient.open("/s/" + token + "/" + channel + ".ts")) {
      assertEquals(200, viewer.status, viewer.headers);
      viewer.read(10_000);
      calls.send("GET", "/api/streams", null);
      long stream =
          calls
              .last
              .json()
              .getJsonArray("streams")
              .getJsonObject(0)
              .getJsonNumber("id")
              .longValue();
      calls.send("DELETE", "/api/streams/" + stream, null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    calls.send("DELETE", "/api/streams/987654321", null);
  }

  /** Sends requests and checks each answer against the document, collecting every difference. */
  private static final class Calls {
    final Set<String> operations = new LinkedHashSet<>();
    final List<String> failures = new ArrayList<>();
    final Differences all = new Differences();
    Reply last;

    long created(String path, JsonObject body) {
      send("POST", path, body);
      assertEquals(201, last.status(), last::toString);
      return last.json().getJsonNumber("id").longValue();
    }

    /** A body that is not JSON (an upload): only the answer is checked. */
    void sendRaw(String method, String path, String body) {
      send(method, path, null, Api.send(method, path, body, "application/octet-stream"));
    }

    void send(String method, String path, JsonObject body) {
      send(
          method,
          path,
          body,
          body == null
              ? Api.send(method, path, "", "application/json")
              : Api.send(method, path, body.toString(), "application/json"));
    }

    private void send(String method, String path, JsonObject body, Reply reply) {
      String bare = path.replaceFirst("\\?.*", "");
      last = reply;
      String template = template(method, bare);
      String call = method + " " + path + " → " + last.status();
      if (template == null) {
        failures.add(call + ": not documented");
        return;
      }
      operations.add(method + " " + template);
      JsonObject operation = operation(method, bare);
      if (body != null) {
        JsonObject request =
            resolve(
                operation
                    .getJsonObject("requestBody")
                    .getJsonObject("content")
                    .getJsonObject("application/json")
                    .getJsonObject("schema"));
        Set<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(request.getJsonObject("properties").keySet());
        if (!unknown.isEmpty()) {
          failures.add(call + ": request members not documented: " + unknown);
        }
      }
      JsonValue documented =
          operation.getJsonObject("responses").get(String.valueOf(last.status()));
      if (documented == null) {
        failures.add(call + ": status not documented (" + last.body() + ")");
        return;
      }
      JsonObject response = resolve(documented.asJsonObject());
      if (last.status() == 204) {
        return;
      }
      String type = last.isProblem() ? PROBLEM_JSON : "application/json";
      if (!last.contentType().startsWith(type)) {
        failures.add(call + ": sent " + last.contentType());
      }
      JsonObject content = response.getJsonObject("content");
      if (content == null || !content.containsKey(type)) {
        failures.add(call + ": no documented " + type + " content");
        return;
      }
      Differences found = new Differences();
      compare(content.getJsonObject(type).getJsonObject("schema"), parse(last.body()), "$", found);
      found.list.forEach(d -> failures.add(call + ": " + d));
      found.list.clear();
      all.add(found);
    }
  }

  /**
   * Collects how {@code value} differs from {@code schema}: members the schema does not name, and
   * the schema's {@code required} members it lacks, recursively. The members of a schema that lists
   * none are noted in {@code seen}, so that each must be sent by some answer (see {@link Calls}).
   */
  static void compare(JsonObject schema, JsonValue value, String at, Differences found) {
    String name =
        schema.containsKey("$ref") ? schema.getString("$ref").replaceFirst(".*/", "") : null;
    schema = resolve(schema);
    for (String union : List.of("oneOf", "anyOf")) {
      if (schema.containsKey(union)) {
        Differences best = null;
        for (JsonValue branch : schema.getJsonArray(union)) {
          Differences trial = new Differences();
          compare(branch.asJsonObject(), value, at, trial);
          if (best == null || trial.list.size() < best.list.size()) {
            best = trial;
          }
        }
        found.add(best);
        return;
      }
    }
    if (value instanceof JsonArray array && schema.containsKey("items")) {
      for (int i = 0; i < array.size(); i++) {
        compare(schema.getJsonObject("items"), array.get(i), at + "[" + i + "]", found);
      }
    } else if (value instanceof JsonObject object) {
      JsonObject properties = schema.getJsonObject("properties");
      if (properties == null) {
        if (schema.get("additionalProperties") instanceof JsonObject each) {
          object.forEach((k, v) -> compare(each, v, at + "." + k, found));
        }
        return;
      }
      for (String member : object.keySet()) {
        if (!properties.containsKey(member)) {
          if (schema.get("additionalProperties") != JsonValue.TRUE) {
            found.list.add(
                at + "." + member + " is sent but not documented " + properties.keySet());
          }
        } else {
          compare(properties.getJsonObject(member), object.get(member), at + "." + member, found);
        }
      }
      JsonArray required = schema.getJsonArray("required");
      if (required != null) {
        for (String member : required.getValuesAs(jakarta.json.JsonString::getString)) {
          if (!object.containsKey(member)) {
            found.list.add(at + "." + member + " is required but not sent " + object.keySet());
          }
        }
      } else if (name != null) {
        found.documented.put(name, properties.keySet());
        found.seen.computeIfAbsent(name, n -> new TreeSet<>()).addAll(object.keySet());
      }
    }
  }

  /** The differences found, and the members seen of each schema that requires none explicitly. */
  static final class Differences {
    final List<String> list = new ArrayList<>();
    final Map<String, Set<String>> documented = new TreeMap<>();
    final Map<String, Set<String>> seen = new TreeMap<>();

    void add(Differences other) {
      list.addAll(other.list);
      documented.putAll(other.documented);
      other.seen.forEach((k, v) -> seen.computeIfAbsent(k, n -> new TreeSet<>()).addAll(v));
    }

    /** Documented members no answer sent (a schema without required members). */
    List<String> neverSent() {
      List<String> never = new ArrayList<>();
      documented.forEach(
          (schema, members) -> {
            Set<String> missing = new TreeSet<>(members);
            missing.removeAll(seen.get(schema));
            if (!missing.isEmpty()) {
              never.add(schema + ": documented but sent by no answer: " + missing);
            }
          });
      return never;
    }
  }

  private interface OperationCheck {
    void check(String method, String path, JsonObject operation);
  }

  private static void forEachOperation(OperationCheck check) {
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, operation) -> {
                          if (operation instanceof JsonObject o && o.containsKey("responses")) {
                            check.check(method.toUpperCase(Locale.ROOT), path, o);
                          }
                        }));
  }

  private static Set<String> allOperations() {
    Set<String> all = new TreeSet<>();
    forEachOperation((method, path, operation) -> all.add(method + " " + path));
    return all;
  }

  /** The documented path template that {@code path} (concrete ids) matches, with this method. */
  private static String template(String method, String path) {
    for (String template : document.getJsonObject("paths").keySet()) {
      if (path.matches(template.replaceAll("\\{[^}]+}", "[^/]+"))
          && document
              .getJsonObject("paths")
              .getJsonObject(template)
              .containsKey(method.toLowerCase(Locale.ROOT))) {
        return template;
      }
    }
    return null;
  }

  private static JsonObject operation(String method, String path) {
    String template = template(method, path);
    return template == null
        ? null
        : document
            .getJsonObject("paths")
            .getJsonObject(template)
            .getJsonObject(method.toLowerCase(Locale.ROOT));
  }

  /** Follows a {@code $ref} into the document's components. */
  private static JsonObject resolve(JsonObject schema) {
    while (schema.containsKey("$ref")) {
      JsonValue target = document;
      for (String part : schema.getString("$ref").substring(2).split("/")) {
        target = target.asJsonObject().get(part);
      }
      schema = target.asJsonObject();
    }
    return schema;
  }

  /** Waits until the account's sync is no longer running (an async one was started). */
  private static void awaitIdle(long account) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running")) {
      assertTrue(System.currentTimeMillis() < deadline, "the background sync did not end");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static JsonValue parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
