package dev.lineup.benchmark;

import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.channel.control.PreviewRows;
import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Preview latency on 200,000 channels (4 accounts of 50,000, about 30 tags), run by {@code ./mvnw
 * -Pbenchmark verify} against the server at -Xmx256m. Each scenario is requested 300 times
 * (-Dpreview.requests=N) over HTTP after {@value #WARMUP} warm-up requests; p50/p95/p99 and the
 * EXPLAIN of its statements go to the console and target/benchmarks/preview.md (see
 * docs/benchmarks.md).
 */
class PreviewBenchmark {
  private static final int ACCOUNTS = 4;
  private static final int PER_ACCOUNT = 50_000;
  private static final int REQUESTS = Integer.getInteger("preview.requests", 300);
  private static final int WARMUP = 50;

  /** 30 rules giving 30 tags: 20 countries by prefix, 4 qualities, 6 genres by category. */
  private static final String[][] RULES = {
    {"regex", "^AR\\s*[:|]", "AR", "channel_name"},
    {"regex", "^LA\\s*[:|]", "LA", "channel_name"},
    {"regex", "^UK\\s*[:|]", "UK", "channel_name"},
    {"regex", "^RA\\s*[:|]", "RA", "channel_name"},
    {"regex", "^DE\\s*[:|]", "DE", "channel_name"},
    {"regex", "^AF\\s*[:|]", "AF", "channel_name"},
    {"regex", "^IT\\s*[:|]", "IT", "channel_name"},
    {"regex", "^FR\\s*[:|]", "FR", "channel_name"},
    {"regex", "^USA?\\s*[:|]", "US", "channel_name"},
    {"regex", "^IN\\s*[:|]", "IN", "channel_name"},
    {"regex", "^RU\\s*[:|]", "RU", "channel_name"},
    {"regex", "^CA\\s*[:|]", "CA", "channel_name"},
    {"regex", "^PT\\s*[:|]", "PT", "channel_name"},
    {"regex", "^NL\\s*[:|]", "NL", "channel_name"},
    {"regex", "^GR\\s*[:|]", "GR", "channel_name"},
    {"regex", "^ES\\s*[:|]", "ES", "channel_name"},
    {"regex", "^PK\\s*[:|]", "PK", "channel_name"},
    {"regex", "^PL\\s*[:|]", "PL", "channel_name"},
    {"regex", "^TR\\s*[:|]", "TR", "channel_name"},
    {"regex", "^BR\\s*[:|]", "BR", "channel_name"},
    {"regex", "\\bHD\\b", "HD", "channel_name"},
    {"regex", "\\b(FHD|1080P?)\\b", "FHD", "channel_name"},
    {"regex", "\\bSD\\b", "SD", "channel_name"},
    {"regex", "\\b(4K|UHD|2160P?)\\b", "4K", "channel_name"},
    {"contains", "SPORT", "SPORTS", "category_name"},
    {"contains", "NEWS", "NEWS", "category_name"},
    {"regex", "MOVIE|CINEMA", "MOVIES", "category_name"},
    {"regex", "KIDS|CHILDREN", "KIDS", "category_name"},
    {"contains", "MUSIC", "MUSIC", "category_name"},
    {"contains", "DOCUMENTAR", "DOCUMENTARY", "category_name"},
  };

  record Scenario(String name, String query, PreviewRequest request, List<String> tags) {}

  @Test
  void previewBenchmark() throws Exception {
    long ruleset = ruleset();
    List<Long> accounts = new ArrayList<>();
    List<FakeProvider> providers = new ArrayList<>();
    try {
      for (int a = 0; a < ACCOUNTS; a++) {
        FakeProvider provider = FakeProvider.start();
        providers.add(provider);
        provider.serve(categories(), streams(a));
        long account = Accounts.create("Preview bench " + a, provider);
        accounts.add(account);
        Api.post("/api/accounts/" + account + "/rulesets", "{\"ruleset_id\": " + ruleset + "}");
        require(Api.post("/api/accounts/" + account + "/sync"));
        require(Api.post("/api/accounts/" + account + "/process-tags"));
      }
      accounts.forEach(account -> Accounts.awaitSearchIndex(account, 300));
      // Rebuilt tables and fresh statistics, as on a maintained server (the other benchmarks
      // created and deleted many accounts just before).
      require(Api.post("/api/maintenance/optimize?optimize=true"));
      run(accounts);
    } finally {
      providers.forEach(FakeProvider::close);
      for (long account : accounts) {
        Api.delete("/api/accounts/" + account);
      }
    }
  }

  private void run(List<Long> accounts) throws Exception {
    String ids = accounts.stream().map(String::valueOf).collect(Collectors.joining(","));
    long channels = Db.number("SELECT COUNT(*) FROM channels WHERE account_id IN (" + ids + ")");
    long pairs = Db.number("SELECT COUNT(*) FROM channel_tags WHERE account_id IN (" + ids + ")");
    long tags =
        Db.number(
            "SELECT COUNT(DISTINCT tag_id) FROM channel_tags WHERE account_id IN (" + ids + ")");
    String scope = "account_ids=" + ids + "&limit=50";
    // The cursor of row 100,000: what a client holds after paging there with next_after.
    String cursor =
        Api.get("/api/channels/preview?" + scope + "&offset=99950").json().getString("next_after");
    PreviewRequest base =
        PreviewRequest.parse("50", null, null, null, null, null, null, null, null);
    List<Scenario> scenarios =
        List.of(
            new Scenario("first page, no filter", scope, base, List.of()),
            new Scenario(
                "2 tags, match all (UK + HD)",
                scope + "&tags=UK,HD&match=all",
                PreviewRequest.parse("50", null, null, "UK,HD", "all", null, null, null, null),
                List.of("UK", "HD")),
            new Scenario(
                "search \"espn\"",
                scope + "&search=espn",
                PreviewRequest.parse("50", null, null, null, null, "espn", null, null, null),
                List.of()),
            new Scenario(
                "search \"sky sports\" + tag FHD",
                scope + "&search=" + q("sky sports") + "&tags=FHD",
                PreviewRequest.parse("50", null, null, "FHD", null, "sky sports", null, null, null),
                List.of("FHD")),
            new Scenario(
                "deep page, offset 100,000",
                scope + "&offset=100000",
                PreviewRequest.parse("50", "100000", null, null, null, null, null, null, null),
                List.of()),
            new Scenario(
                "deep page, keyset after row 100,000",
                scope + "&after=" + cursor,
                PreviewRequest.parse("50", null, cursor, null, null, null, null, null, null),
                List.of()),
            new Scenario(
                "one account, first page",
                "account_ids=" + accounts.get(0) + "&limit=50",
                base,
                List.of()));

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "%,d channels in %d accounts, %,d channel tags, %d distinct tags; %d requests per"
                + " scenario, one at a time, over HTTP, after %d warm-up requests of every scenario.%n%n",
            channels,
            accounts.size(),
            pairs,
            tags,
            REQUESTS,
            WARMUP));
    report.append(
        "| scenario | total | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    StringBuilder explains = new StringBuilder();
    BenchmarkRun run = new BenchmarkRun();
    HeapSampler heap = new HeapSampler();
    // Warm the server up on every scenario first (JIT, pools, caches), as a server in use is.
    for (Scenario scenario : scenarios) {
      for (int i = 0; i < WARMUP; i++) {
        require(Api.get("/api/channels/preview?" + scenario.query()));
      }
    }
    for (Scenario scenario : scenarios) {
      String path = "/api/channels/preview?" + scenario.query();
      long total = require(Api.get(path)).getJsonNumber("total").longValue();
      long[] times = new long[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        long start = System.nanoTime();
        require(Api.get(path));
        times[i] = System.nanoTime() - start;
      }
      Arrays.sort(times);
      run.target(
          "preview p95 ≤ 50 ms: " + scenario.name(),
          ms(times, 0.95) <= 50,
          String.format(Locale.ROOT, "%.1f ms", ms(times, 0.95)));
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.1f | %.1f | %.1f | %.1f |%n",
              scenario.name(),
              total,
              ms(times, 0.50),
              ms(times, 0.95),
              ms(times, 0.99),
              times[times.length - 1] / 1e6));
      explains.append("\n### ").append(scenario.name()).append("\n\n```\n");
      List<Long> scoped =
          scenario.query().startsWith("account_ids=" + accounts.get(0) + "&")
              ? List.of(accounts.get(0))
              : accounts;
      List<Long> tagIds = new ArrayList<>();
      for (String tag : scenario.tags()) {
        tagIds.add(Db.number("SELECT id FROM tags WHERE name = ?", tag));
      }
      ChannelPreview.Statements sql = ChannelPreview.statements(scoped, tagIds, scenario.request());
      if (sql.countsAsItGoes()) {
        explain(explains, "page and total", sql.pageWithTotal(), sql.pageParams());
      } else {
        explain(explains, "page", sql.page(), sql.pageParams());
        if (sql.filtered()) {
          explain(explains, "total", sql.count(), sql.countParams());
        } else {
          explains.append("total: the accounts' counts kept in memory (ChannelTotals)\n");
        }
      }
      String page =
          Db.column(sql.page(), sql.pageParams().toArray()).stream()
              .limit(50)
              .map(String::valueOf)
              .collect(Collectors.joining(","));
      if (!page.isEmpty()) {
        explain(explains, "details", PreviewRows.detailsSql(page), List.of());
        explain(explains, "tags", PreviewRows.tagsSql(page), List.of());
      }
      explains.append("```\n");
    }
    // Playlists for the dashboard to check (it lists those serving no channel): every channel,
    // and two tags that must both match, as people build them.
    for (String wanted : new String[] {null, "UK,HD"}) {
      jakarta.json.JsonObjectBuilder playlist =
          jakarta.json.Json.createObjectBuilder()
              .add("name", dev.lineup.support.Accounts.uniqueName("Bench"));
      if (wanted != null) {
        playlist
            .add("include_tags", jakarta.json.Json.createArrayBuilder(List.of(wanted.split(","))))
            .add("tag_match", "all");
      }
      Reply made = Api.post("/api/playlist-configs", playlist.build().toString());
      if (made.status() != 201) {
        throw new IllegalStateException("Could not make a playlist: " + made);
      }
    }
    report.append(pages(accounts, run));
    heap.close();
    report.append(
        String.format(
            Locale.ROOT,
            "%nPeak heap of the server while the requests ran: %d MB (-Xmx256m).%n",
            heap.peakMb()));
    report.append("\n## EXPLAIN\n").append(explains);
    run.serverMaxHeap().finish("preview.md", report.toString());
  }

  /**
   * The web UI's pages and fragments over the same 200,000 channels: 50 requests each. The
   * dashboard and the accounts page (charts, subscriptions and what needs attention, from {@code
   * sync_runs} and small tables, never the channels) must stay under 100 ms at the median.
   */
  private static String pages(List<Long> accounts, BenchmarkRun run) {
    String first = String.valueOf(accounts.get(0));
    String[][] pages = {
      {"dashboard", "/"},
      {"accounts page", "/accounts"},
      {"preview page (all accounts, first 100 rows)", "/preview"},
      {
        "preview rows, search \"espn\"",
        "/preview/rows?filters_shown=1&apply_filters=on&search=espn"
      },
      {
        "preview rows, tags UK + HD (all)",
        "/preview/rows?filters_shown=1&apply_filters=on&tags=UK,HD&match=all"
      },
      {"preview page, one account", "/preview?account=" + first},
      {"tags page", "/tags"},
      {"filters page", "/filters"},
      {"playlists page", "/playlists"}
    };
    StringBuilder out =
        new StringBuilder(
            "\n## Web UI pages\n\n| page | p50 (ms) | p95 (ms) | max (ms) | size (KB) |\n"
                + "|---|---:|---:|---:|---:|\n");
    for (String[] page : pages) {
      for (int i = 0; i < 5; i++) {
        Api.get(page[1], "text/html");
      }
      long[] times = new long[50];
      int size = 0;
      for (int i = 0; i < times.length; i++) {
        long start = System.nanoTime();
        Reply reply = Api.get(page[1], "text/html");
        times[i] = System.nanoTime() - start;
        if (reply.status() != 200) {
          throw new IllegalStateException(page[1] + ": " + reply);
        }
        size = reply.body().length();
      }
      Arrays.sort(times);
      if (page[1].equals("/") || page[1].equals("/accounts")) {
        run.target(
            page[0] + " p50 ≤ 100 ms (4 accounts, 200,000 channels)",
            ms(times, 0.50) <= 100,
            String.format(Locale.ROOT, "%.1f ms", ms(times, 0.50)));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %d |%n",
              page[0],
              ms(times, 0.50),
              ms(times, 0.95),
              times[times.length - 1] / 1e6,
              size / 1024));
    }
    return out.toString();
  }

  private static void explain(StringBuilder out, String label, String sql, List<Object> params) {
    out.append(label)
        .append(
            String.format(
                Locale.ROOT, " (%.1f ms median over JDBC)", Db.medianMillis(sql, params, 21)))
        .append(": ")
        .append(sql)
        .append('\n');
    for (List<Object> row : Db.rows("EXPLAIN " + sql, params)) {
      out.append("  ")
          .append(row.stream().map(String::valueOf).collect(Collectors.joining(" | ")))
          .append('\n');
    }
  }

  private static double ms(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static JsonObject require(Reply reply) {
    if (reply.status() != 200) {
      throw new IllegalStateException(reply.toString());
    }
    return reply.json();
  }

  private static long ruleset() {
    long id =
        Api.post(
                "/api/rulesets",
                "{\"name\":\"%s\"}".formatted(Accounts.uniqueName("Preview bench rules")))
            .json()
            .getJsonNumber("id")
            .longValue();
    for (String[] rule : RULES) {
      Reply added =
          Api.post(
              "/api/rulesets/" + id + "/rules",
              Json.createObjectBuilder()
                  .add("name", rule[2] + " " + rule[0])
                  .add("pattern_type", rule[0])
                  .add("pattern", rule[1])
                  .add("tag_name", rule[2])
                  .add("source", rule[3])
                  .add("remove_from_name", false)
                  .build()
                  .toString());
      if (added.status() != 201) {
        throw new IllegalStateException(added.toString());
      }
    }
    return id;
  }

  /** Every capture's categories, ids prefixed by the capture so they stay apart. */
  static String categories() {
    return CaptureLineup.categories();
  }

  /**
   * 50,000 channels of account {@code a}: the captures' names from a different start each, with the
   * next variant a panel adds (see {@link CaptureLineup}), so names repeat as they do across real
   * panels.
   */
  static String streams(int a) {
    List<CaptureLineup.Source> real = CaptureLineup.sources();
    StringBuilder json = new StringBuilder(PER_ACCOUNT * 300).append('[');
    for (int i = 0; i < PER_ACCOUNT; i++) {
      int n = i + a * (real.size() / ACCOUNTS);
      CaptureLineup.Source source = real.get(n % real.size());
      String name =
          source.name() + CaptureLineup.VARIANTS[(n / real.size()) % CaptureLineup.VARIANTS.length];
      JsonObjectBuilder channel =
          Json.createObjectBuilder()
              .add("num", i + 1)
              .add("name", name)
              .add("stream_type", "live")
              .add("stream_id", 1_000_000 + i)
              .add("stream_icon", source.icon())
              .add("added", String.valueOf(1_527_000_000L + i))
              .add("category_id", source.categoryId())
              .add("tv_archive", 0)
              .add("direct_source", "");
      if (i > 0) {
        json.append(',');
      }
      json.append(channel.build());
    }
    return json.append(']').toString();
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
