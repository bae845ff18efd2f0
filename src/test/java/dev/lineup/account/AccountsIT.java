package dev.lineup.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class AccountsIT {

  static JsonObject create(String name, String server) {
    Reply reply =
        Api.post(
            "/api/accounts",
            """
            {"name": "%s", "server": "%s", "username": "alice", "password": "s3cret-pass"}
            """
                .formatted(name, server));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  @Test
  void createdAccountIsListedAndReadableWithoutItsPassword() {
    String name = Accounts.uniqueName("Create");
    JsonObject created = create(name, "provider.example:8080");
    long id = created.getJsonNumber("id").longValue();

    assertEquals(name, created.getString("name"));
    assertEquals("http://provider.example:8080", created.getString("server"));
    assertEquals("xtream", created.getString("provider_type"));
    assertEquals("alice", created.getString("username"));
    assertTrue(created.getBoolean("enabled"));
    assertTrue(created.getBoolean("password_set"));
    assertTrue(created.isNull("sync_interval_hours"));
    assertTrue(created.getString("created_at").endsWith("Z"));
    assertFalse(created.containsKey("password"));

    Reply one = Api.get("/api/accounts/" + id);
    assertEquals(200, one.status());
    assertEquals(name, one.json().getString("name"));

    Reply all = Api.get("/api/accounts");
    assertEquals(200, all.status());
    assertTrue(
        all.array().stream().anyMatch(a -> a.asJsonObject().getJsonNumber("id").longValue() == id));
    assertFalse(all.body().contains("s3cret-pass"), "the password must never be returned");
    assertFalse(one.body().contains("s3cret-pass"));
  }

  @Test
  void createAnswersWithLocationOfTheNewAccount() {
    Reply reply =
        Api.post(
            "/api/accounts",
            "{\"name\":\"%s\",\"server\":\"https://tv.example\",\"username\":\"u\",\"password\":\"p\"}"
                .formatted(Accounts.uniqueName("Location")));
    assertEquals(201, reply.status());
    String location = reply.header("Location");
    assertNotNull(location);
    assertTrue(location.endsWith("/api/accounts/" + reply.json().getJsonNumber("id")), location);
  }

  @Test
  void pastedPanelUrlIsNormalisedAndItsCredentialsAreUsed() {
    Reply reply =
        Api.post(
            "/api/accounts",
            """
            {"name": "%s", "server": "HTTP://Panel.Example:25461/player_api.php?username=bob&password=pw%%40x"}
            """
                .formatted(Accounts.uniqueName("Pasted")));
    assertEquals(201, reply.status(), reply::toString);
    assertEquals("http://panel.example:25461", reply.json().getString("server"));
    assertEquals("bob", reply.json().getString("username"));
    assertTrue(reply.json().getBoolean("password_set"));
  }

  @Test
  void duplicateNameIsAConflict() {
    String name = Accounts.uniqueName("Twice");
    create(name, "a.example");
    Reply reply =
        Api.post(
            "/api/accounts",
            "{\"name\":\"%s\",\"server\":\"b.example\",\"username\":\"u\",\"password\":\"p\"}"
                .formatted(name.toUpperCase()));
    assertEquals(409, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
    assertTrue(reply.json().getString("detail").contains("already exists"));
  }

  @Test
  void missingFieldsAreAllReportedAsA422Problem() {
    Reply reply = Api.post("/api/accounts", "{\"enabled\": true}");
    assertEquals(422, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
    JsonObject problem = reply.json();
    assertEquals(422, problem.getInt("status"));
    String fields = problem.getJsonArray("errors").toString();
    for (String field : new String[] {"name", "server", "username", "password"}) {
      assertTrue(fields.contains("\"field\":\"" + field + "\""), field + " in " + fields);
    }
  }

  @Test
  void wrongTypedFieldsAreReportedByName() {
    Reply reply =
        Api.post(
            "/api/accounts",
            """
            {"name": 42, "server": "x.example", "username": "u", "password": "p",
             "enabled": "yes", "sync_interval_hours": 1.5}
            """);
    assertEquals(422, reply.status(), reply::toString);
    String errors = reply.json().getJsonArray("errors").toString();
    assertTrue(errors.contains("\"field\":\"name\""), errors);
    assertTrue(errors.contains("\"field\":\"enabled\""), errors);
    assertTrue(errors.contains("\"field\":\"sync_interval_hours\""), errors);
  }

  @Test
  void badServerUrlIsRejectedWithTheReason() {
    for (String server :
        new String[] {"ftp://x.example", "http://", "has space.example", "x.example:99999"}) {
      Reply reply =
          Api.post(
              "/api/accounts",
              "{\"name\":\"%s\",\"server\":\"%s\",\"username\":\"u\",\"password\":\"p\"}"
                  .formatted(Accounts.uniqueName("BadUrl"), server));
      assertEquals(422, reply.status(), server + " -> " + reply);
      assertTrue(reply.json().getJsonArray("errors").toString().contains("\"field\":\"server\""));
    }
  }

  @Test
  void outOfRangeSyncIntervalIsRejected() {
    Reply reply =
        Api.post(
            "/api/accounts",
            "{\"name\":\"%s\",\"server\":\"x.example\",\"username\":\"u\",\"password\":\"p\",\"sync_interval_hours\":-1}"
                .formatted(Accounts.uniqueName("Interval")));
    assertEquals(422, reply.status(), reply::toString);
    assertTrue(reply.body().contains("sync_interval_hours"));
  }

  @Test
  void malformedJsonIsABadRequestProblem() {
    Reply reply = Api.post("/api/accounts", "{\"name\": \"x\",");
    assertEquals(400, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
    assertEquals(400, reply.json().getInt("status"));

    Reply array = Api.post("/api/accounts", "[1,2]");
    assertEquals(400, array.status(), array::toString);
  }

  @Test
  void nonJsonContentTypeIsAnUnsupportedMediaTypeProblem() {
    Reply reply = Api.send("POST", "/api/accounts", "name=x", "application/x-www-form-urlencoded");
    assertEquals(415, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
  }

  @Test
  void unknownIdsAreNotFoundProblems() {
    for (Reply reply :
        new Reply[] {
          Api.get("/api/accounts/999999999"),
          Api.put("/api/accounts/999999999", "{}"),
          Api.patch("/api/accounts/999999999", "{}"),
          Api.delete("/api/accounts/999999999"),
          Api.post("/api/accounts/999999999/test")
        }) {
      assertEquals(404, reply.status(), reply::toString);
      assertTrue(reply.isProblem(), reply::toString);
      assertTrue(reply.json().getString("detail").contains("999999999"));
    }
  }

  @Test
  void nonNumericIdIsNotFoundNotAServerError() {
    Reply reply = Api.get("/api/accounts/abc");
    assertEquals(404, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
  }

  @Test
  void unknownApiPathIsANotFoundProblemNotAnHtmlPage() {
    Reply reply = Api.get("/api/no-such-thing");
    assertEquals(404, reply.status());
    assertTrue(reply.isProblem(), reply::toString);
  }

  @Test
  void putReplacesSettingsAndKeepsThePasswordWhenLeftOut() {
    long id = create(Accounts.uniqueName("Put"), "old.example").getJsonNumber("id").longValue();
    String newName = Accounts.uniqueName("Put renamed");
    Reply reply =
        Api.put(
            "/api/accounts/" + id,
            """
            {"name": "%s", "server": "https://new.example/", "username": "carol",
             "enabled": false, "sync_interval_hours": 12}
            """
                .formatted(newName));
    assertEquals(200, reply.status(), reply::toString);
    JsonObject updated = reply.json();
    assertEquals(newName, updated.getString("name"));
    assertEquals("https://new.example", updated.getString("server"));
    assertEquals("carol", updated.getString("username"));
    assertFalse(updated.getBoolean("enabled"));
    assertEquals(12, updated.getInt("sync_interval_hours"));
    assertTrue(updated.getBoolean("password_set"));
  }

  @Test
  void patchChangesOnlyTheFieldsSentAndNullClearsTheInterval() {
    String name = Accounts.uniqueName("Patch");
    long id = create(name, "patch.example").getJsonNumber("id").longValue();
    assertEquals(200, Api.patch("/api/accounts/" + id, "{\"sync_interval_hours\": 3}").status());

    Reply disabled = Api.patch("/api/accounts/" + id, "{\"enabled\": false}");
    assertEquals(200, disabled.status(), disabled::toString);
    assertFalse(disabled.json().getBoolean("enabled"));
    assertEquals(name, disabled.json().getString("name"));
    assertEquals("http://patch.example", disabled.json().getString("server"));
    assertEquals(3, disabled.json().getInt("sync_interval_hours"));

    Reply cleared = Api.patch("/api/accounts/" + id, "{\"sync_interval_hours\": null}");
    assertTrue(cleared.json().isNull("sync_interval_hours"), cleared::toString);

    Reply invalid = Api.patch("/api/accounts/" + id, "{\"server\": \"gopher://x\"}");
    assertEquals(422, invalid.status());
    assertEquals("http://patch.example", Api.get("/api/accounts/" + id).json().getString("server"));
  }

  @Test
  void renamingOntoAnotherAccountsNameIsAConflict() {
    String taken = Accounts.uniqueName("Taken");
    create(taken, "one.example");
    long id = create(Accounts.uniqueName("Other"), "two.example").getJsonNumber("id").longValue();
    Reply reply = Api.patch("/api/accounts/" + id, "{\"name\": \"%s\"}".formatted(taken));
    assertEquals(409, reply.status(), reply::toString);
  }

  @Test
  void deleteRemovesTheAccount() {
    long id = create(Accounts.uniqueName("Delete"), "gone.example").getJsonNumber("id").longValue();
    Reply reply = Api.delete("/api/accounts/" + id);
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.json().getBoolean("success"));
    assertEquals(404, Api.get("/api/accounts/" + id).status());
    assertEquals(404, Api.delete("/api/accounts/" + id).status());
  }

  @Test
  void passwordsAreStoredEncryptedAndStillLogIn() {
    try (FakeProvider provider = FakeProvider.start()) {
      long id = Accounts.create("Encrypted", provider);
      String stored =
          String.valueOf(Db.column("SELECT password FROM accounts WHERE id = ?", id).get(0));
      assertTrue(stored.startsWith("enc:v1:"), stored);
      assertFalse(stored.contains(provider.password()), "the database never holds the password");
      String server =
          String.valueOf(Db.column("SELECT server_url FROM accounts WHERE id = ?", id).get(0));
      assertTrue(server.startsWith("enc:v1:"), "the server URL is encrypted too: " + server);
      // The provider only answers the right password: decryption works.
      Reply test = Api.post("/api/accounts/" + id + "/test");
      assertEquals(200, test.status(), test.toString());
      assertTrue(test.json().getBoolean("success"), test.toString());
      // An edit without a password keeps the stored one, still encrypted.
      Api.patch(
          "/api/accounts/" + id, "{\"name\": \"" + Accounts.uniqueName("Encrypted again") + "\"}");
      assertEquals(200, Api.post("/api/accounts/" + id + "/test").status());
      String after =
          String.valueOf(Db.column("SELECT password FROM accounts WHERE id = ?", id).get(0));
      assertTrue(after.startsWith("enc:v1:"), after);
    }
  }

  @Test
  void theLongestPasswordIsStoredEvenInCharactersOfSeveralBytes() {
    String password = "é€".repeat(512); // 1024 characters, 2560 bytes of UTF-8
    Reply created =
        Api.post(
            "/api/accounts",
            Json.createObjectBuilder()
                .add("name", Accounts.uniqueName("Long password"))
                .add("server", "long.example")
                .add("username", "me")
                .add("password", password)
                .build()
                .toString());
    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    String stored =
        String.valueOf(Db.column("SELECT password FROM accounts WHERE id = ?", id).get(0));
    assertEquals(password, TestServer.secrets().decrypt(stored));
  }
}
