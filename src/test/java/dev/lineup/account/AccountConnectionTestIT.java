package dev.lineup.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.JsonObject;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/accounts/{id}/test} against a fake provider that answers well or badly. */
class AccountConnectionTestIT {
  static FakeProvider provider;
  static long accountId;

  @BeforeAll
  static void startProvider() {
    provider = FakeProvider.start();
    accountId = Accounts.create("Connection", provider);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @BeforeEach
  void healthy() {
    provider.behave(Behaviour.HEALTHY);
  }

  private Reply test() {
    return Api.post("/api/accounts/" + accountId + "/test");
  }

  @Test
  void healthyProviderReportsTheSubscription() {
    Reply reply = test();
    assertEquals(200, reply.status(), reply::toString);
    JsonObject json = reply.json();
    assertTrue(json.getBoolean("success"));
    assertEquals("live.eternaltv.net", json.getJsonObject("server_info").getString("url"));
    assertEquals("2018-08-25 16:46:59", json.getJsonObject("server_info").getString("time"));
    JsonObject user = json.getJsonObject("user_info");
    assertEquals(provider.username(), user.getString("username"));
    assertEquals("Active", user.getString("status"));
    assertTrue(user.isNull("exp_date"), "eternal's exp_date null means no expiry");
    assertEquals(3, user.getInt("max_connections"));
    assertFalse(reply.body().contains(provider.password()), "the provider's echo of the password");
  }

  @Test
  void rejectedCredentialsAreABadGatewayProblem() {
    assertProviderProblem(Behaviour.AUTH_REJECTED, 502, "auth_rejected");
  }

  @Test
  void htmlAnswerIsABadGatewayProblem() {
    assertProviderProblem(Behaviour.HTML, 502, "not_json");
  }

  @Test
  void serverErrorIsABadGatewayProblem() {
    Reply reply = assertProviderProblem(Behaviour.SERVER_ERROR, 502, "http_error");
    assertTrue(reply.json().getString("detail").contains("HTTP 500"));
  }

  @Test
  void truncatedJsonIsABadGatewayProblem() {
    assertProviderProblem(Behaviour.TRUNCATED, 502, "malformed");
  }

  @Test
  void nonObjectJsonIsABadGatewayProblem() {
    assertProviderProblem(Behaviour.WRONG_SHAPE, 502, "malformed");
  }

  @Test
  void hangingProviderIsAGatewayTimeoutProblem() {
    long start = System.nanoTime();
    assertProviderProblem(Behaviour.HANG, 504, "timeout");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(seconds < FakeProvider.HANG_LIMIT_SECONDS, "gave up after the configured timeout");
  }

  @Test
  void unreachableProviderIsABadGatewayProblem() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String body =
        "{\"name\":\"%s\",\"server\":\"127.0.0.1:%d\",\"username\":\"u\",\"password\":\"secret-x\"}"
            .formatted(Accounts.uniqueName("Unreachable"), closedPort);
    long id = Api.post("/api/accounts", body).json().getJsonNumber("id").longValue();
    Reply reply = Api.post("/api/accounts/" + id + "/test");
    assertEquals(502, reply.status(), reply::toString);
    assertTrue(reply.isProblem());
    assertEquals("unreachable", reply.json().getString("provider_error"));
    assertFalse(reply.body().contains("secret-x"));
  }

  private Reply assertProviderProblem(Behaviour behaviour, int status, String kind) {
    provider.behave(behaviour);
    Reply reply = test();
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.isProblem(), reply::toString);
    assertEquals(kind, reply.json().getString("provider_error"));
    assertTrue(reply.json().getString("detail").contains("127.0.0.1:" + provider.port()));
    assertFalse(reply.body().contains(provider.password()), "no password in problems");
    assertFalse(reply.body().contains("player_api.php"), "no provider URL in problems");
    return reply;
  }
}
