package dev.lineup.benchmark;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Tag processing speed with the default ruleset, run by {@code ./mvnw -Pbenchmark verify} (server
 * at -Xmx256m, automatic tagging after sync off). Reports to the console and
 * target/benchmarks/tags.md; see docs/benchmarks.md.
 */
class TagBenchmark {
  private static final int REPETITIONS = 3;

  @Test
  void tagBenchmark() throws Exception {
    long defaultRuleset =
        Api.post("/api/rulesets/create-default").json().getJsonNumber("id").longValue();
    long renamed = renamedCopy(defaultRuleset);
    StringBuilder report = new StringBuilder();
    report.append("Median of ").append(REPETITIONS).append(" runs each.\n\n");
    report.append(
        "| scenario | channels | time (ms) | channel tags written | tags |\n|---|---:|---:|---:|---:|\n");
    for (int n : new int[] {10_000, 100_000}) {
      String streams = SyntheticLineup.streams(n, 0, 0);
      List<long[]> first = new ArrayList<>();
      List<long[]> again = new ArrayList<>();
      List<long[]> changed = new ArrayList<>();
      for (int rep = 0; rep < REPETITIONS; rep++) {
        try (FakeProvider provider = FakeProvider.start()) {
          provider.serve(SyntheticLineup.categories(200), streams);
          long account = Accounts.create("Tag bench " + n, provider);
          Reply sync = Api.post("/api/accounts/" + account + "/sync");
          if (!sync.json().getBoolean("success")) {
            throw new IllegalStateException(sync.toString());
          }
          Accounts.awaitSearchIndex(account, 300); // the sync's background work, not timed here
          // The sync stored cleaned names already; this run writes every channel's tags.
          first.add(process(account, true));
          again.add(process(account, false));
          // Rules changed: the account now uses a copy of the default rules that gives every tag
          // another name and keeps the marks in names, so every pair and most names are rewritten.
          Api.post("/api/accounts/" + account + "/rulesets", "{\"ruleset_id\": " + renamed + "}");
          changed.add(process(account, true));
          Accounts.awaitSearchIndex(account, 300);
          Api.delete("/api/accounts/" + account);
          SyncBenchmark.awaitPurge();
        }
      }
      row(report, "first tagging after a sync", n, median(first));
      row(report, "again, nothing changed", n, median(again));
      row(report, "after a rules change (every tag replaced, names rewritten)", n, median(changed));
    }
    new BenchmarkRun().finish("tags.md", report.toString());
  }

  /** The default rules with every literal tag renamed and nothing removed from names. */
  private static long renamedCopy(long defaultRuleset) {
    long copy =
        Api.post("/api/rulesets", "{\"name\":\"%s\"}".formatted(Accounts.uniqueName("Renamed")))
            .json()
            .getJsonNumber("id")
            .longValue();
    for (JsonValue value : Api.get("/api/rulesets/" + defaultRuleset + "/rules").array()) {
      JsonObject rule = value.asJsonObject();
      String tag = rule.getString("tag_name");
      JsonObjectBuilder body = Json.createObjectBuilder(rule);
      body.remove("id");
      body.remove("ruleset_id");
      body.remove("created_at");
      body.remove("updated_at");
      body.add("tag_name", tag.startsWith("__") ? tag : tag + "2");
      body.add("remove_from_name", false);
      Reply added = Api.post("/api/rulesets/" + copy + "/rules", body.build().toString());
      if (added.status() != 201) {
        throw new IllegalStateException(added.toString());
      }
    }
    return copy;
  }

  /** {time ms, pairs written, unique tags} */
  private static long[] process(long account, boolean expectWrites) {
    long start = System.nanoTime();
    Reply reply = Api.post("/api/accounts/" + account + "/process-tags");
    long ms = (System.nanoTime() - start) / 1_000_000;
    JsonObject result = reply.json();
    if (!result.getBoolean("success") || (expectWrites && result.getInt("tags_created") == 0)) {
      throw new IllegalStateException(reply.toString());
    }
    return new long[] {
      ms,
      result.getInt("tags_created") + result.getInt("tags_removed"),
      result.getInt("unique_tags")
    };
  }

  private static long[] median(List<long[]> runs) {
    List<long[]> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    return sorted.get(sorted.size() / 2);
  }

  private static void row(StringBuilder report, String scenario, int n, long[] r) {
    report.append(
        String.format(
            Locale.ROOT, "| %s | %,d | %,d | %,d | %,d |%n", scenario, n, r[0], r[1], r[2]));
  }
}
