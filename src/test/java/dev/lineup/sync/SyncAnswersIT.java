package dev.lineup.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Channels;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeProvider.Behaviour;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON of the sync answers, member by member with each value's JSON type: a run's stats ({@code
 * POST .../sync}, the history, the status' {@code last_run}, {@code /api/sync/all}) and the status.
 * Null members are sent (as null), and {@code tagging} only when the run tagged.
 */
class SyncAnswersIT {

  FakeProvider provider;
  long account;

  @BeforeEach
  void setUp() {
    provider = FakeProvider.start();
    provider.serve(Channels.categories(2), Channels.streams(1, 10));
    account = Accounts.create("Answers", provider);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  /**
   * A finished run: {@code tagging} is absent, {@code message} and {@code write_ms} may be null.
   */
  static Map<String, ValueType> run(ValueType message, ValueType writeMs) {
    Map<String, ValueType> run = new TreeMap<>();
    run.put("success", ValueType.TRUE);
    run.put("run_id", ValueType.NUMBER);
    run.put("account_id", ValueType.NUMBER);
    run.put("account_name", ValueType.STRING);
    run.put("status", ValueType.STRING);
    run.put("trigger", ValueType.STRING);
    run.put("scope", ValueType.STRING);
    run.put("forced", ValueType.FALSE);
    run.put("started_at", ValueType.STRING);
    run.put("finished_at", ValueType.STRING);
    run.put("duration_ms", ValueType.NUMBER);
    run.put("write_ms", writeMs);
    for (String list : new String[] {"categories", "channels"}) {
      for (String count : new String[] {"fetched", "added", "updated", "reactivated"}) {
        run.put(list + "_" + count, ValueType.NUMBER);
      }
      run.put(list + "_deactivated", ValueType.NUMBER);
    }
    run.put("message", message);
    run.put("errors", ValueType.ARRAY);
    run.put("channels_active", ValueType.NUMBER);
    run.put("channels_guided", ValueType.NULL);
    return run;
  }

  /**
   * The members and their types. {@code channels_guided} is written by guide matching in the
   * background, whenever it ends: null or a number, both shown as null here.
   */
  static Map<String, ValueType> shape(JsonObject object) {
    Map<String, ValueType> shape = new TreeMap<>();
    object.forEach(
        (name, value) ->
            shape.put(
                name,
                name.equals("channels_guided") && value.getValueType() == ValueType.NUMBER
                    ? ValueType.NULL
                    : value.getValueType()));
    return shape;
  }

  /** The run without what guide matching may write between two reads. */
  static JsonObject settled(JsonObject run) {
    return Json.createObjectBuilder(run).remove("channels_guided").build();
  }

  static Map<String, ValueType> status(boolean synced, ValueType lastRun) {
    Map<String, ValueType> status = new TreeMap<>();
    status.put("account_id", ValueType.NUMBER);
    status.put("synced", synced ? ValueType.TRUE : ValueType.FALSE);
    status.put("last_sync", synced ? ValueType.STRING : ValueType.NULL);
    for (String count :
        new String[] {
          "channel_count",
          "category_count",
          "active_channels",
          "inactive_channels",
          "active_categories",
          "inactive_categories",
          "passing_channels"
        }) {
      status.put(count, ValueType.NUMBER);
    }
    status.put("running", ValueType.FALSE);
    status.put("running_run_id", ValueType.NULL);
    status.put("progress", ValueType.NULL);
    status.put("last_run", lastRun);
    return status;
  }

  JsonObject status() {
    Reply reply = Api.get("/api/accounts/" + account + "/sync/status");
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  @Test
  void theStatusOfAnUnsyncedAccountSendsItsNullMembers() {
    assertEquals(status(false, ValueType.NULL), shape(status()));
  }

  @Test
  void aSyncAnswersItsStatsWithTheTaggingAndTheStatusAndHistoryRepeatThemWithout() {
    Reply reply = Api.post("/api/accounts/" + account + "/sync");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject stats = reply.json();
    Map<String, ValueType> synced = run(ValueType.NULL, ValueType.NUMBER);
    synced.put("tagging", ValueType.OBJECT);
    assertEquals(synced, shape(stats), stats::toString);
    assertTrue(stats.getString("started_at").endsWith("Z"), stats::toString);
    assertEquals(account, stats.getJsonNumber("account_id").longValue());
    assertEquals("ok", stats.getString("status"));
    assertEquals("manual", stats.getString("trigger"));
    assertEquals("all", stats.getString("scope"));

    JsonObject status = status();
    assertEquals(status(true, ValueType.OBJECT), shape(status), status::toString);
    JsonObject lastRun = status.getJsonObject("last_run");
    // the stored run: no tagging, no write time (neither is stored)
    assertEquals(run(ValueType.NULL, ValueType.NULL), shape(lastRun), lastRun::toString);
    assertEquals(stats.getJsonNumber("run_id"), lastRun.getJsonNumber("run_id"));
    assertEquals(lastRun.getString("finished_at"), status.getString("last_sync"));
    assertEquals(10, status.getInt("channel_count"));
    assertEquals(10, status.getInt("passing_channels"));

    JsonObject history =
        Api.get("/api/accounts/" + account + "/sync/history").array().get(0).asJsonObject();
    assertEquals(settled(lastRun), settled(history));
    assertEquals(10, lastRun.getInt("channels_active"));
  }

  @Test
  void aFailedRunSaysSoInEveryMember() {
    provider.behave(Behaviour.HTML);
    JsonObject stats = Api.post("/api/accounts/" + account + "/sync").json();
    Map<String, ValueType> failed = run(ValueType.STRING, ValueType.NULL);
    failed.put("success", ValueType.FALSE);
    assertEquals(failed, shape(stats), stats::toString);
    assertEquals("failed", stats.getString("status"));
    assertEquals(stats.getString("message"), stats.getJsonArray("errors").getString(0));
    assertEquals(failed, shape(status().getJsonObject("last_run")));
    assertEquals(status(false, ValueType.OBJECT), shape(status()));
  }

  @Test
  void syncAllAnswersEachAccountsStats() {
    JsonObject answer = Api.post("/api/sync/all").json();
    assertEquals(
        Map.of(
            "success",
            answer.get("success").getValueType(),
            "accounts_synced",
            ValueType.NUMBER,
            "results",
            ValueType.ARRAY),
        shape(answer));
    for (JsonValue result : answer.getJsonArray("results")) {
      JsonObject stats = result.asJsonObject();
      if (stats.getJsonNumber("account_id").longValue() == account) {
        Map<String, ValueType> synced = run(ValueType.NULL, ValueType.NUMBER);
        synced.put("tagging", ValueType.OBJECT);
        assertEquals(synced, shape(stats), stats::toString);
        return;
      }
    }
    throw new AssertionError("no result for account " + account + ": " + answer);
  }
}
