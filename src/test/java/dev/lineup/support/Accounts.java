package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Api.Reply;
import jakarta.json.Json;
import java.util.UUID;

/** Creates accounts for the tests through the API. */
public final class Accounts {
  private Accounts() {}

  public static String uniqueName(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An account pointing at the fake provider, with its credentials; returns its id. */
  public static long create(String prefix, FakeProvider provider) {
    String body =
        Json.createObjectBuilder()
            .add("name", uniqueName(prefix))
            .add("server", provider.url())
            .add("username", provider.username())
            .add("password", provider.password())
            .build()
            .toString();
    Reply reply = Api.post("/api/accounts", body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }
}
