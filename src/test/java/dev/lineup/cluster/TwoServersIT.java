package dev.lineup.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two Lineup servers on one database (issue 21): the test server A, and B started beside it by the
 * pom on other ports. What already holds across servers is proved here; what issue 21 builds
 * (shared guides, caches, progress, relay slots) joins it.
 */
class TwoServersIT {
  static final String B = System.getProperty("lineup.baseUrlB", "http://127.0.0.1:19081");

  static Reply onB(String method, String path) {
    return Api.send(
        Api.authorized(HttpRequest.newBuilder(URI.create(B + path)).timeout(Duration.ofSeconds(30)))
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void serverBIsReadyOnTheSameDatabaseAndSeesWhatATold() {
    assertEquals(200, onB("GET", "/health/ready").status());
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Two servers", provider);
      Reply seen = onB("GET", "/api/accounts/" + account);
      assertEquals(200, seen.status(), seen::toString);
      assertEquals(
          Api.get("/api/accounts/" + account).json().getString("name"),
          seen.json().getString("name"));
      Api.delete("/api/accounts/" + account);
    }
  }

  @Test
  void aSyncRunningOnAIsRefusedOnBWithA409() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      long account = Accounts.create("Two servers sync", provider);
      provider.behave(FakeProvider.Behaviour.SLOW);
      Reply started = Api.post("/api/accounts/" + account + "/sync?async=true");
      assertEquals(202, started.status(), started::toString);
      Reply refused = onB("POST", "/api/accounts/" + account + "/sync");
      assertEquals(409, refused.status(), refused::toString);
      assertEquals(true, refused.isProblem());
      provider.behave(FakeProvider.Behaviour.HEALTHY);
      for (int i = 0;
          i < 120
              && Api.get("/api/accounts/" + account + "/sync/status").json().getBoolean("running");
          i++) {
        Thread.sleep(500);
      }
      Api.delete("/api/accounts/" + account);
    }
  }
}
