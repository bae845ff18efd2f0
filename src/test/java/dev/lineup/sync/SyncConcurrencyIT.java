package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One sync per account at a time, cancelling, background syncs and their live progress. */
class SyncConcurrencyIT {
  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    account = Accounts.create("Concurrency", provider);
    provider.serve(Channels.categories(10), Channels.streams(1, 6000));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  JsonObject status() {
    return Api.get("/api/accounts/" + account + "/sync/status").json();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aSecondSyncWhileOneRunsIsAConflictNamingTheRunningOne() throws Exception {
    provider.behave(Behaviour.SLOW);
    Reply accepted = Api.post("/api/accounts/" + account + "/sync?async=true");
    assertEquals(202, accepted.status(), accepted::toString);
    await("the sync runs", () -> status().getBoolean("running"));
    long running = status().getJsonNumber("running_run_id").longValue();

    Reply second = Api.post("/api/accounts/" + account + "/sync");
    assertEquals(409, second.status(), second::toString);
    assertTrue(second.isProblem());
    assertEquals(running, second.json().getJsonNumber("running_run_id").longValue());
    assertEquals(409, Api.post("/api/accounts/" + account + "/sync?async=true").status());

    provider.behave(Behaviour.HEALTHY);
    await("the sync ends", () -> !status().getBoolean("running"));
    assertEquals("ok", status().getJsonObject("last_run").getString("status"));
  }

  @Test
  void cancellingStopsTheSyncAndChangesNothing() throws Exception {
    provider.behave(Behaviour.HEALTHY).serve(Channels.categories(10), Channels.streams(1, 100));
    Api.post("/api/accounts/" + account + "/sync");
    provider.behave(Behaviour.SLOW).serve(Channels.categories(10), Channels.streams(50, 6000));

    Api.post("/api/accounts/" + account + "/sync?async=true");
    await(
        "channels are being fetched",
        () -> {
          JsonObject status = status();
          if (status.isNull("progress")) {
            return false;
          }
          JsonObject progress = status.getJsonObject("progress");
          return progress.getString("phase").equals("fetching_channels")
              && progress.getInt("done") > 0;
        });
    Reply cancel = Api.delete("/api/accounts/" + account + "/sync");
    assertEquals(200, cancel.status(), cancel::toString);
    await("the sync stops", () -> !status().getBoolean("running"));

    JsonObject last = status().getJsonObject("last_run");
    assertEquals("cancelled", last.getString("status"), last::toString);
    assertEquals(
        100,
        Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ? AND is_active", account));
    assertEquals(100, Db.number("SELECT COUNT(*) FROM channels WHERE account_id = ?", account));
  }

  @Test
  void cancellingWithoutARunningSyncIsAConflict() {
    Reply reply = Api.delete("/api/accounts/" + account + "/sync");
    assertEquals(409, reply.status(), reply::toString);
  }

  @Test
  void progressIsStreamedAsServerSentEventsUntilDone() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        Api.authorized(Api.request("/api/accounts/" + account + "/sync/events"))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(60))
            .build();
    CompletableFuture<HttpResponse<Stream<String>>> events =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    CompletableFuture<Void> reading =
        events.thenAccept(
            response ->
                response.body().takeWhile(line -> !line.equals("event: done")).forEach(lines::add));
    await("the idle event", () -> lines.stream().anyMatch(l -> l.contains("\"phase\":\"idle\"")));

    provider.behave(Behaviour.SLOW);
    assertEquals(202, Api.post("/api/accounts/" + account + "/sync?async=true").status());
    reading.get(60, TimeUnit.SECONDS);

    String all = String.join("\n", lines);
    assertTrue(all.contains("event: progress"), all);
    assertTrue(all.contains("\"phase\":\"fetching_categories\""), all);
    assertTrue(all.contains("\"phase\":\"fetching_channels\""), all);
    assertTrue(all.contains("\"phase\":\"writing\""), all);
    assertFalse(all.contains(provider.password()));
  }
}
