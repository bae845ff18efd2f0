package dev.lineup.benchmark;

import dev.lineup.identity.entity.IdentityColumns;
import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.Db;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guide matching at 100,000 channels (issue 18), run by {@code ./mvnw -Pbenchmark verify
 * -Dit.test=IdentityBenchmark}: the captures' lineup scaled up ({@link CaptureLineup}) against a
 * guide of their guide ids plus 15,000 other channels, a full matching run timed (its own figure,
 * waiting excluded), and the playlist download with the mappings against the same download without
 * them (the rows swapped in and out between downloads, each download after a settling pause and an
 * untimed one). Targets: a run ≤ 15 s, the download ≤ 1.10× (median of 11, interleaved: single
 * downloads of 100,000 channels vary by ±40 %).
 */
class IdentityBenchmark {
  private static final int CHANNELS = 100_000;
  private static final int GUIDE_EXTRA = 15_000;
  private static final int ROUNDS = 11;
  private static final long SETTLE_MS = 3_000;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The captures' guide ids with a display name each, and channels no lineup has. */
  static String guide() {
    StringBuilder xml =
        new StringBuilder(4 << 20).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tv>\n");
    Set<String> ids = new HashSet<>();
    for (CaptureLineup.Source s : CaptureLineup.sources()) {
      if (!s.epgId().isEmpty() && ids.add(s.epgId())) {
        xml.append("<channel id=\"")
            .append(escape(s.epgId()))
            .append("\"><display-name>")
            .append(escape(s.name()))
            .append("</display-name></channel>\n");
      }
    }
    String[] words = {"News", "Sport", "Movies", "Kids", "Music", "Local", "Regional", "Plus"};
    for (int i = 0; i < GUIDE_EXTRA; i++) {
      xml.append("<channel id=\"extra")
          .append(i)
          .append(".xx\"><display-name>Station ")
          .append(Integer.toString(i, 36).toUpperCase(Locale.ROOT))
          .append(' ')
          .append(words[i % words.length])
          .append("</display-name></channel>\n");
    }
    return xml.append("</tv>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  @Test
  void identityBenchmark() throws Exception {
    FakeProvider provider = FakeProvider.start();
    long account = -1;
    try {
      provider.serve(CaptureLineup.categories(), CaptureLineup.streams(CHANNELS, 0, 0));
      provider.serveGuide(guide());
      account = Accounts.create("Identity bench", provider);
      require(Api.post("/api/accounts/" + account + "/sync"));
      JsonObject stored = require(Api.post("/api/accounts/" + account + "/epg/refresh"));

      List<Long> runs = new ArrayList<>();
      JsonObject outcome = null;
      long peak;
      try (HeapSampler heap = new HeapSampler()) {
        for (int i = 0; i < 3; i++) {
          outcome = require(Api.post("/api/epg/match?account_id=" + account));
          runs.add(outcome.getJsonNumber("millis").longValue());
        }
        peak = heap.peakMb();
      }
      long runMs = median(runs);

      JsonObject config = Accounts.playlistOf("Identity bench", account);
      long configId = config.getJsonNumber("id").longValue();
      String m3u = Api.BASE_URL + config.getJsonObject("urls").getString("m3u");
      Db.update("DROP TABLE IF EXISTS bench_channel_guides");
      Db.update("CREATE TABLE bench_channel_guides AS SELECT * FROM channel_guides");
      List<Long> without = new ArrayList<>();
      List<Long> with = new ArrayList<>();
      download(m3u); // warm-up
      for (int round = 0; round < ROUNDS; round++) {
        for (boolean mapped :
            round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          Db.update("DELETE FROM channel_guides");
          if (mapped) {
            Db.update("INSERT INTO channel_guides SELECT * FROM bench_channel_guides");
          }
          // What outputs read is the copy on the channels: made as the server makes it
          Db.update(IdentityColumns.refresh("c.account_id = " + account));
          Thread.sleep(SETTLE_MS); // the database's purge of the rows just swapped settles
          edit(configId, config.getString("name"), account, round * 2 + (mapped ? 1 : 0));
          download(m3u); // renders it; the timed one below renders it again
          edit(configId, config.getString("name"), account, 1000 + round * 2 + (mapped ? 1 : 0));
          (mapped ? with : without).add(download(m3u));
        }
      }
      Db.update("DROP TABLE IF EXISTS bench_channel_guides");
      long withMs = median(with);
      long withoutMs = median(without);

      // Pinned numbers: the first download gives 100,000 numbers; later ones read them.
      Reply pinnedConfig =
          Api.post(
              "/api/playlist-configs",
              Json.createObjectBuilder()
                  .add("name", Accounts.uniqueName("Identity pinned"))
                  .add("include_accounts", Json.createArrayBuilder().add(account))
                  .add("numbering", "pinned")
                  .build()
                  .toString());
      JsonObject pinned = require(pinnedConfig);
      String pinnedM3u = Api.BASE_URL + pinned.getJsonObject("urls").getString("m3u");
      long giving = download(pinnedM3u);
      List<Long> pinnedTimes = new ArrayList<>();
      List<Long> providerTimes = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        edit(configId, config.getString("name"), account, 100 + round);
        providerTimes.add(download(m3u));
        edit(
            pinned.getJsonNumber("id").longValue(),
            pinned.getString("name"),
            account,
            100 + round,
            "pinned");
        pinnedTimes.add(download(pinnedM3u));
      }
      long pinnedMs = median(pinnedTimes);
      long providerMs = median(providerTimes);

      // Merged channels: a playlist listing each merged channel once, and the merged channels'
      // list.
      JsonObject mergedConfig =
          require(
              Api.post(
                  "/api/playlist-configs",
                  Json.createObjectBuilder()
                      .add("name", Accounts.uniqueName("Identity merged"))
                      .add("include_accounts", Json.createArrayBuilder().add(account))
                      .add("merge_duplicates", true)
                      .build()
                      .toString()));
      String mergedM3u = Api.BASE_URL + mergedConfig.getJsonObject("urls").getString("m3u");
      List<Long> mergedTimes = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        require(
            Api.put(
                "/api/playlist-configs/" + mergedConfig.getJsonNumber("id").longValue(),
                Json.createObjectBuilder()
                    .add("name", mergedConfig.getString("name"))
                    .add("description", "edit " + round)
                    .add("merge_duplicates", true)
                    .add("include_accounts", Json.createArrayBuilder().add(account))
                    .build()
                    .toString()));
        mergedTimes.add(download(mergedM3u));
      }
      long listStart = System.nanoTime();
      JsonObject groups = require(Api.get("/api/merged-channels?limit=50"));
      long listMs = (System.nanoTime() - listStart) / 1_000_000;

      StringBuilder report =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%,d channels (the captures' names scaled up) against a guide of %,d channels.%n%n"
                      + "| figure | value |%n|---|---:|%n"
                      + "| full matching run (median of 3; runs %s ms) | %,d ms |%n"
                      + "| outcome: auto / review / unmatched | %,d / %,d / %,d |%n"
                      + "| server peak used heap during the runs | %d MB |%n"
                      + "| playlist download without mappings (median of %d; %s ms) | %,d ms |%n"
                      + "| playlist download with mappings (median of %d; %s ms) | %,d ms |%n"
                      + "| pinned numbers: first download, giving 100,000 numbers | %,d ms |%n"
                      + "| pinned numbers: later downloads (median of %d; %s ms) | %,d ms |%n"
                      + "| provider numbers, the same rounds (median of %d; %s ms) | %,d ms |%n"
                      + "| merged playlist (duplicates listed once), download (median of 3; %s ms) | %,d ms |%n"
                      + "| merged channels: %,d with two sources or more; the first page of 50 | %,d ms |%n",
                  CHANNELS,
                  stored.getInt("channels"),
                  runs,
                  runMs,
                  outcome.getInt("auto"),
                  outcome.getInt("review"),
                  outcome.getInt("unmatched"),
                  peak,
                  ROUNDS,
                  without,
                  withoutMs,
                  ROUNDS,
                  with,
                  withMs,
                  giving,
                  ROUNDS,
                  pinnedTimes,
                  pinnedMs,
                  ROUNDS,
                  providerTimes,
                  providerMs,
                  mergedTimes,
                  median(mergedTimes),
                  groups.getJsonNumber("total").longValue(),
                  listMs));
      new BenchmarkRun()
          .target(
              "a full matching run of 100,000 channels ≤ 15 s",
              runMs <= 15_000,
              BenchmarkRun.seconds(runMs))
          .target(
              "playlist download with mappings ≤ 1.10× without",
              withMs <= 1.10 * withoutMs,
              String.format(Locale.ROOT, "%.2f×", withMs / (double) withoutMs))
          .target(
              "playlist download with pinned numbers ≤ 1.10× with the provider's",
              pinnedMs <= 1.10 * providerMs,
              String.format(Locale.ROOT, "%.2f×", pinnedMs / (double) providerMs))
          .serverMaxHeap()
          .finish("identity.md", report.toString());
    } finally {
      provider.close();
      if (account > 0) {
        Api.delete("/api/accounts/" + account);
      }
    }
  }

  private static void edit(long configId, String name, long account, int n) {
    edit(configId, name, account, n, "provider");
  }

  /** A new description: a new ETag, so the next download renders the playlist again. */
  private static void edit(long configId, String name, long account, int n, String numbering) {
    require(
        Api.put(
            "/api/playlist-configs/" + configId,
            Json.createObjectBuilder()
                .add("name", name)
                .add("description", "edit " + n)
                .add("numbering", numbering)
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .build()
                .toString()));
  }

  /** One plain download, read to the end; its time in ms. */
  private static long download(String url) throws Exception {
    long start = System.nanoTime();
    HttpResponse<java.io.InputStream> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream in = response.body()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static JsonObject require(Reply reply) {
    if (reply.status() / 100 != 2) {
      throw new IllegalStateException(reply.toString());
    }
    return reply.json();
  }
}
