package dev.lineup.benchmark;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.FakeProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's load proof, run by {@code ./mvnw -Pbenchmark verify -Dit.test=LoadBenchmark} against
 * the server at -Xmx256m: for 30 s (-Dload.seconds), 50 players download a 100,000-channel playlist
 * again and again (gzip, as players ask), while another account of 50,000 channels syncs again and
 * again and the preview is searched. Errors, p50/p95/max and the server's peak heap go to the
 * console and target/benchmarks/load.md (see docs/reliability.md).
 */
class LoadBenchmark {
  private static final int PLAYERS = 50;
  private static final int SECONDS = Integer.getInteger("load.seconds", 30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void loadBenchmark() throws Exception {
    try (FakeProvider big = FakeProvider.start();
        FakeProvider other = FakeProvider.start()) {
      big.serve(SyntheticLineup.categories(50), PlaylistBenchmark.streams());
      other.serve(PreviewBenchmark.categories(), PreviewBenchmark.streams(0));
      long served = Accounts.create("Load served", big);
      long syncing = Accounts.create("Load syncing", other);
      require(Api.post("/api/accounts/" + served + "/sync"));
      require(Api.post("/api/accounts/" + syncing + "/sync"));
      Accounts.awaitSearchIndex(syncing, 300);
      String m3u =
          Api.BASE_URL + Accounts.playlistOf("Load", served).getJsonObject("urls").getString("m3u");
      try {
        run(m3u, syncing);
      } finally {
        Api.delete("/api/accounts/" + served);
        Api.delete("/api/accounts/" + syncing);
      }
    }
  }

  private void run(String m3u, long syncing) throws Exception {
    download(m3u); // rendered once before the players come, as after any change
    AtomicBoolean loading = new AtomicBoolean(true);
    List<Long> downloads = Collections.synchronizedList(new ArrayList<>());
    List<Long> previews = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger downloadErrors = new AtomicInteger();
    AtomicInteger previewErrors = new AtomicInteger();
    AtomicInteger syncs = new AtomicInteger();
    AtomicInteger syncErrors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(PLAYERS + 2);
    CountDownLatch go = new CountDownLatch(1);
    long peak;
    long wall;
    try (HeapSampler heap = new HeapSampler()) {
      pool.submit(
          () -> {
            go.await();
            while (loading.get()) {
              Reply sync = Api.post("/api/accounts/" + syncing + "/sync?force=true");
              if (sync.status() == 200 && sync.json().getBoolean("success")) {
                syncs.incrementAndGet();
              } else {
                syncErrors.incrementAndGet();
              }
            }
            return null;
          });
      String[] searches = {"espn", "sky sports", "bbc", "news", "cinema"};
      pool.submit(
          () -> {
            go.await();
            for (int i = 0; loading.get(); i++) {
              long start = System.nanoTime();
              Reply reply =
                  Api.get(
                      "/api/channels/preview?limit=50&search="
                          + PreviewBenchmark.q(searches[i % searches.length]));
              previews.add(System.nanoTime() - start);
              if (reply.status() != 200) {
                previewErrors.incrementAndGet();
              }
            }
            return null;
          });
      CountDownLatch players =
          players(pool, PLAYERS, go, loading, () -> m3u, downloads, downloadErrors);
      long start = System.nanoTime();
      go.countDown();
      Thread.sleep(SECONDS * 1000L);
      loading.set(false);
      players.await(5, TimeUnit.MINUTES);
      wall = System.nanoTime() - start;
      pool.shutdown();
      pool.awaitTermination(2, TimeUnit.MINUTES);
      peak = heap.peakMb();
    }
    String report =
        String.format(
            Locale.ROOT,
            "%d players downloading a 100,000-channel playlist (gzip) again and again, while a"
                + " 50,000-channel account synced again and again and the preview was searched;"
                + " %.1f s in all.%n%n"
                + "| load | requests | errors | p50 (ms) | p95 (ms) | max (ms) |%n"
                + "|---|---:|---:|---:|---:|---:|%n"
                + "| playlist downloads | %d | %d | %.0f | %.0f | %.0f |%n"
                + "| preview searches | %d | %d | %.0f | %.0f | %.0f |%n"
                + "| syncs of the other account | %d | %d | | | |%n%n"
                + "Peak heap of the server: %d MB (-Xmx256m).%n",
            PLAYERS,
            wall / 1e9,
            downloads.size(),
            downloadErrors.get(),
            quantile(downloads, 0.50),
            quantile(downloads, 0.95),
            quantile(downloads, 1.0),
            previews.size(),
            previewErrors.get(),
            quantile(previews, 0.50),
            quantile(previews, 0.95),
            quantile(previews, 1.0),
            syncs.get(),
            syncErrors.get(),
            peak);
    new BenchmarkRun().serverMaxHeap().finish("load.md", report);
    if (downloadErrors.get() + previewErrors.get() + syncErrors.get() > 0) {
      throw new IllegalStateException("Errors under load:\n" + report);
    }
  }

  /**
   * Starts {@code count} players on {@code pool}: once {@code go} opens, each downloads the URL
   * {@code next} gives, again and again while {@code loading}, adding each download's time to
   * {@code nanos} or counting its failure. Returns the latch they count down as they stop.
   */
  static CountDownLatch players(
      ExecutorService pool,
      int count,
      CountDownLatch go,
      AtomicBoolean loading,
      Supplier<String> next,
      List<Long> nanos,
      AtomicInteger errors) {
    CountDownLatch done = new CountDownLatch(count);
    for (int p = 0; p < count; p++) {
      pool.submit(
          () -> {
            go.await();
            try {
              while (loading.get()) {
                String url = next.get();
                long start = System.nanoTime();
                try {
                  download(url);
                  nanos.add(System.nanoTime() - start);
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              }
            } finally {
              done.countDown();
            }
            return null;
          });
    }
    return done;
  }

  static double quantile(List<Long> nanos, double q) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = Math.max(0, (int) Math.ceil(q * sorted.size()) - 1);
    return sorted.get(index) / 1e6;
  }

  /** Downloads the whole body (gzip, as players ask); fails on anything but a 200. */
  static void download(String url) throws Exception {
    HttpResponse<InputStream> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Accept-Encoding", "gzip")
                .timeout(Duration.ofMinutes(2))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      body.transferTo(java.io.OutputStream.nullOutputStream());
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
  }

  private static void require(Reply reply) {
    if (reply.status() != 200 || !reply.json().getBoolean("success")) {
      throw new IllegalStateException(reply.toString());
    }
  }
}
