package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document of the running server. */
class PlatformIT {

  @Test
  void readinessIsUpWithTheDatabaseMigrated() {
    Reply reply = Api.get("/health/ready");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("UP", reply.json().getString("status"));
    String checks = reply.json().getJsonArray("checks").toString();
    assertTrue(checks.matches(".*\"schema_version\":\"\\d+.*"), checks);
  }

  @Test
  void livenessIsUp() {
    Reply reply = Api.get("/health/live");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("UP", reply.json().getString("status"));
  }

  @Test
  void metricsAreServedInPrometheusFormat() {
    Reply reply = Api.get("/metrics", "text/plain");
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.body().contains("jvm_uptime"), "base metrics present");
  }

  @Test
  void openApiDocumentDescribesTheAccountsApi() {
    Reply reply = Api.get("/openapi");
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.body().contains("/api/accounts/{id}/test"), reply.body());
  }
}
