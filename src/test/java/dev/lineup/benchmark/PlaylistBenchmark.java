package dev.lineup.benchmark;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Player downloads of a 100,000-channel playlist and of its 7-day guide (2.1 million programmes),
 * run by {@code ./mvnw -Pbenchmark verify -Dit.test=PlaylistBenchmark} against the server at
 * -Xmx256m: time to first byte, total time and the server's peak heap, for 1 and for 10 concurrent
 * downloads, plain and gzip. The figures go to the console and target/benchmarks/playlist.md (see
 * docs/benchmarks.md).
 */
class PlaylistBenchmark {
  private static final int CHANNELS = Integer.getInteger("playlist.channels", 100_000);

  /** Channels the provider's guide has but the lineup does not: the filter has work to do. */
  private static final int GUIDE_ONLY = CHANNELS / 10;

  private static final int DAYS = 7;
  private static final int PER_DAY = 3;
  private static final int RUNS = 3;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private long configId;
  private String configName;
  private int edits;

  /**
   * Edits the playlist's description: a new ETag, so the next download renders the answer again
   * (what a player gets after a sync) instead of copying the one kept on disk.
   */
  private void change() {
    Reply edited =
        Api.put(
            "/api/playlist-configs/" + configId,
            Json.createObjectBuilder()
                .add("name", configName)
                .add("description", "edit " + ++edits)
                .add("include_accounts", Json.createArrayBuilder().add(account))
                .build()
                .toString());
    require(edited);
  }

  private long account;

  /** One download: time to first byte and to the end, bytes, and entries counted (plain only). */
  record Download(long ttfbNanos, long totalNanos, long bytes, long entries) {}

  @Test
  void playlistBenchmark() throws Exception {
    Path guide = Path.of("target", "benchmarks", "guide-" + CHANNELS + ".xml");
    Files.createDirectories(guide.getParent());
    long started = System.nanoTime();
    long programmes = writeGuide(guide);
    long generated = (System.nanoTime() - started) / 1_000_000;
    FakeProvider provider = FakeProvider.start();
    account = -1;
    try {
      provider.serve(SyntheticLineup.categories(50), streams());
      provider.serveGuide((String) null); // the sync's background fetch finds none
      account = Accounts.create("Playlist bench", provider);
      require(Api.post("/api/accounts/" + account + "/sync"));
      Thread.sleep(3000);
      provider.serveGuide(guide);
      long storeStart = System.nanoTime();
      JsonObject stored;
      long storeHeap;
      try (HeapSampler heap = new HeapSampler()) {
        stored = refresh(account);
        storeHeap = heap.peakMb();
      }
      long storeMs = (System.nanoTime() - storeStart) / 1_000_000;
      JsonObject config =
          require(
              Api.post(
                  "/api/playlist-configs",
                  Json.createObjectBuilder()
                      .add("name", Accounts.uniqueName("Playlist bench"))
                      .add("include_accounts", Json.createArrayBuilder().add(account))
                      .build()
                      .toString()));
      configId = config.getJsonNumber("id").longValue();
      configName = config.getString("name");
      String m3u = Api.BASE_URL + config.getJsonObject("urls").getString("m3u");
      String epg = m3u.replace("playlist.m3u", "epg.xml");

      StringBuilder report = new StringBuilder();
      report.append(
          String.format(
              Locale.ROOT,
              "%,d channels in the playlist; the provider's guide: %,d channels (%,d not in the"
                  + " lineup), %,d programmes over %d days, %,d MB of XML (generated in %,d ms).%n"
                  + "Storing it (fetch, parse, %,d MB gzip records on disk): %,d ms, server peak"
                  + " heap %d MB.%n%n",
              CHANNELS,
              stored.getInt("channels"),
              GUIDE_ONLY,
              stored.getInt("programmes"),
              DAYS,
              Files.size(guide) / (1024 * 1024),
              generated,
              stored.getJsonNumber("bytes").longValue() / (1024 * 1024),
              storeMs,
              storeHeap));
      report.append(
          "| download | clients | answer | entries | size (MB) | TTFB p50 (ms) | TTFB max (ms) |"
              + " total p50 (ms) | total max (ms) | all done (ms) | server peak heap (MB) |\n"
              + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String[] scenario :
          new String[][] {
            {"M3U", m3u, "identity"},
            {"M3U gzip", m3u, "gzip"},
            {"EPG", epg, "identity"},
            {"EPG gzip", epg, "gzip"}
          }) {
        report.append(row(scenario[0], scenario[1], scenario[2], 1, true));
        report.append(row(scenario[0], scenario[1], scenario[2], 10, true));
        report.append(row(scenario[0], scenario[1], scenario[2], 10, false));
      }
      report.append(revalidation(m3u, epg));
      new BenchmarkRun().serverMaxHeap().finish("playlist.md", report.toString());
      if (programmes < 2_000_000) {
        throw new IllegalStateException("The guide has only " + programmes + " programmes");
      }
    } finally {
      provider.close();
      if (account > 0) {
        Api.delete("/api/accounts/" + account);
      }
      Files.deleteIfExists(guide);
    }
  }

  /**
   * One table row: {@code clients} downloads at once, {@value #RUNS} times; the medians. {@code
   * changed}: each run follows a change, so one download renders the answer and the others wait for
   * it; else all copy the rendered answer.
   */
  private String row(String name, String url, String encoding, int clients, boolean changed)
      throws Exception {
    change();
    download(url, encoding, false); // warm-up
    List<Download> all = new ArrayList<>();
    long[] walls = new long[RUNS];
    long peak;
    try (HeapSampler heap = new HeapSampler()) {
      for (int run = 0; run < RUNS; run++) {
        if (changed) {
          change();
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Download>> downloads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          boolean count = c == 0; // the client shares the 2 cores: one counts, the others read
          downloads.add(
              pool.submit(
                  () -> {
                    go.await();
                    return download(url, encoding, count);
                  }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<Download> download : downloads) {
          all.add(download.get());
        }
        walls[run] = System.nanoTime() - start;
        pool.shutdown();
      }
      peak = heap.peakMb();
    }
    long[] ttfb = all.stream().mapToLong(Download::ttfbNanos).sorted().toArray();
    long[] total = all.stream().mapToLong(Download::totalNanos).sorted().toArray();
    Arrays.sort(walls);
    Download first = all.get(0);
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |%n",
        name,
        clients,
        changed ? "rendered after a change" : "unchanged, from disk",
        first.entries() < 0 ? "(gzip)" : String.format(Locale.ROOT, "%,d", first.entries()),
        first.bytes() / (1024.0 * 1024),
        ttfb[ttfb.length / 2] / 1e6,
        ttfb[ttfb.length - 1] / 1e6,
        total[total.length / 2] / 1e6,
        total[total.length - 1] / 1e6,
        walls[RUNS / 2] / 1e6,
        peak);
  }

  /** A player asking again for both, unchanged: 304s. */
  private static String revalidation(String m3u, String epg) throws Exception {
    StringBuilder out = new StringBuilder("\n");
    for (String url : List.of(m3u, epg)) {
      HttpResponse<Void> first =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      String etag = first.headers().firstValue("ETag").orElseThrow();
      long[] times = new long[50];
      for (int i = 0; i < times.length; i++) {
        long start = System.nanoTime();
        HttpResponse<Void> again =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        times[i] = System.nanoTime() - start;
        if (again.statusCode() != 304) {
          throw new IllegalStateException(url + " answered " + again.statusCode());
        }
      }
      Arrays.sort(times);
      out.append(
          String.format(
              Locale.ROOT,
              "Unchanged %s asked again with If-None-Match: 304 in %.1f ms (median of 50).%n",
              url.endsWith(".xml") ? "guide" : "playlist",
              times[times.length / 2] / 1e6));
    }
    return out.toString();
  }

  /**
   * Downloads {@code url}; when {@code count}, counts #EXTINF lines or programmes of a plain body
   * (else entries is -1).
   */
  static Download download(String url, String encoding, boolean count) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept-Encoding", encoding)
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<InputStream> response =
          CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      boolean gzip = response.headers().firstValue("Content-Encoding").isPresent();
      byte[] marker =
          (url.endsWith(".xml") ? "<programme " : "#EXTINF:").getBytes(StandardCharsets.UTF_8);
      long ttfb = 0;
      long bytes = 0;
      long entries = 0;
      int matched = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = response.body()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          if (bytes == 0) {
            ttfb = System.nanoTime() - start;
          }
          bytes += n;
          if (count && !gzip) {
            for (int i = 0; i < n; i++) {
              if (buffer[i] == marker[matched]) {
                if (++matched == marker.length) {
                  entries++;
                  matched = 0;
                }
              } else {
                matched = buffer[i] == marker[0] ? 1 : 0;
              }
            }
          }
        }
      }
      return new Download(ttfb, System.nanoTime() - start, bytes, count && !gzip ? entries : -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The lineup: tvg-id {@code c{i}.bench} for every channel, 50 categories. */
  static String streams() {
    return streams(CHANNELS);
  }

  /** The first {@code n} channels of the lineup. */
  static String streams(int n) {
    StringBuilder json = new StringBuilder(n * 260).append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(
          Json.createObjectBuilder()
              .add("num", i + 1)
              .add("name", "UK: Bench Channel " + i + (i % 3 == 0 ? " HD" : ""))
              .add("stream_type", "live")
              .add("stream_id", 2_000_000 + i)
              .add("stream_icon", "http://logos.example.com/" + i + ".png")
              .add("epg_channel_id", "c" + i + ".bench")
              .add("added", "1527000000")
              .add("category_id", String.valueOf(1 + i % 50))
              .add("tv_archive", 0)
              .add("direct_source", "")
              .build());
    }
    return json.append(']').toString();
  }

  /**
   * Writes the provider's guide: the lineup's channels and {@link #GUIDE_ONLY} more, each with
   * {@value #PER_DAY} programmes a day for {@value #DAYS} days; returns the programmes of the
   * lineup's channels.
   */
  static long writeGuide(Path file) throws IOException {
    DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
    LocalDate first = LocalDate.of(2026, 11, 26);
    String[] starts = new String[DAYS * PER_DAY + 1];
    for (int d = 0; d <= DAYS; d++) {
      for (int p = 0; p < PER_DAY && d * PER_DAY + p < starts.length; p++) {
        starts[d * PER_DAY + p] =
            first.plusDays(d).format(day) + String.format("%02d0000 +0000", p * (24 / PER_DAY));
      }
    }
    long lineupProgrammes = 0;
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file), 1 << 16)) {
      out.write(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n"
              + "<tv generator-info-name=\"bench\">\n");
      int all = CHANNELS + GUIDE_ONLY;
      for (int i = 0; i < all; i++) {
        out.write(
            "  <channel id=\"c"
                + i
                + ".bench\"><display-name>Bench Channel "
                + i
                + "</display-name><icon src=\"http://logos.example.com/"
                + i
                + ".png\"/></channel>\n");
      }
      for (int i = 0; i < all; i++) {
        for (int p = 0; p < DAYS * PER_DAY; p++) {
          out.write(
              "  <programme start=\""
                  + starts[p]
                  + "\" stop=\""
                  + starts[p + 1]
                  + "\" channel=\"c"
                  + i
                  + ".bench\"><title lang=\"en\">Show "
                  + p
                  + " on channel "
                  + i
                  + "</title><desc lang=\"en\">Episode "
                  + (i * 31 + p) % 997
                  + ": what happens when the bench runs &amp; the guide is big.</desc>"
                  + "<category lang=\"en\">Series</category></programme>\n");
          if (i < CHANNELS) {
            lineupProgrammes++;
          }
        }
      }
      out.write("</tv>\n");
    }
    return lineupProgrammes;
  }

  /** Fetches and stores the guide now: longer than the tests' one-minute request limit. */
  static JsonObject refresh(long account) throws Exception {
    HttpResponse<String> reply =
        CLIENT.send(
            Api.authorized(Api.request("/api/accounts/" + account + "/epg/refresh"))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 200) {
      throw new IllegalStateException(reply.statusCode() + " " + reply.body());
    }
    try (var reader = Json.createReader(new java.io.StringReader(reply.body()))) {
      return reader.readObject();
    }
  }

  static JsonObject require(Reply reply) {
    if (reply.status() != 200 && reply.status() != 201) {
      throw new IllegalStateException(reply.toString());
    }
    return reply.json();
  }
}
