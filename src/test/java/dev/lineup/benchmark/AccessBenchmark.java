package dev.lineup.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Api;
import dev.lineup.support.Api.Session;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What signing in and checking a caller cost: {@code GET /api/settings} (one small query) with an
 * API token, with a session cookie, and without either (the 401); and the sign-in form itself
 * (PBKDF2). One request at a time; figures to the console and target/benchmarks/access.md (see
 * docs/benchmarks.md).
 */
class AccessBenchmark {
  static final int REQUESTS = Integer.getInteger("access.requests", 500);
  // HTTP/1.1, as curl and most scripts speak it (the JDK client would try h2c upgrades).
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void authenticationCostPerRequest() throws Exception {
    Api.token();
    Session session = Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
    Map<String, Supplier<HttpRequest.Builder>> scenarios = new LinkedHashMap<>();
    scenarios.put("API token", () -> Api.authorized(Api.request("/api/settings")));
    scenarios.put(
        "session cookie", () -> Api.request("/api/settings").header("Cookie", session.cookie()));
    scenarios.put("no credentials (401)", () -> Api.request("/api/settings"));
    Map<String, Integer> expected = Map.of("no credentials (401)", 401);

    StringBuilder report =
        new StringBuilder(
            "| request | count | p50 (ms) | p95 (ms) | p99 (ms) |\n|---|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Supplier<HttpRequest.Builder>> scenario : scenarios.entrySet()) {
      int status = expected.getOrDefault(scenario.getKey(), 200);
      for (int i = 0; i < 50; i++) {
        send(scenario.getValue().get());
      }
      long[] times = new long[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        long start = System.nanoTime();
        int got = send(scenario.getValue().get());
        times[i] = System.nanoTime() - start;
        assertEquals(status, got, scenario.getKey());
      }
      row(report, "GET /api/settings, " + scenario.getKey(), times);
    }
    long[] signIns = new long[20];
    for (int i = 0; i < signIns.length; i++) {
      long start = System.nanoTime();
      Api.signIn(Api.ADMIN_USER, Api.ADMIN_PASSWORD);
      signIns[i] = System.nanoTime() - start;
    }
    row(report, "sign-in form (PBKDF2) + GET /api/session", signIns);
    new BenchmarkRun().finish("access.md", report.toString());
  }

  private static int send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void row(StringBuilder report, String name, long[] times) {
    Arrays.sort(times);
    report.append(
        String.format(
            "| %s | %d | %.1f | %.1f | %.1f |%n",
            name,
            times.length,
            times[times.length / 2] / 1e6,
            times[(int) (times.length * 0.95)] / 1e6,
            times[(int) (times.length * 0.99)] / 1e6));
  }
}
