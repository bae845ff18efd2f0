package dev.lineup.benchmark;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.Api.Reply;
import dev.lineup.support.ExtraServer;
import dev.lineup.support.FakeProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's load figure, run by {@code ./mvnw -Pbenchmark verify -Dit.test=ClusterLoadBenchmark}:
 * 50 players download a 100,000-channel playlist (gzip) again and again for 30 s (-Dload.seconds),
 * first from the test server alone, then through a round-robin client over it and a second server
 * started beside it on the same database with the README's command (both on this one machine, so
 * they share its two cores). Reports downloads/s of each; fails on any error, or when the two
 * servers answer one playlist with different ETags.
 */
class ClusterLoadBenchmark {
  private static final int PLAYERS = 50;
  private static final int SECONDS = Integer.getInteger("load.seconds", 30);
  private static final int SECOND_PORT = Integer.getInteger("cluster.port", 19081);

  private record Round(int downloads, int errors, double seconds, List<Long> nanos) {
    double perSecond() {
      return downloads / seconds;
    }
  }

  @Test
  void clusterLoadBenchmark() throws Exception {
    try (FakeProvider big = FakeProvider.start()) {
      big.serve(SyntheticLineup.categories(50), PlaylistBenchmark.streams());
      long served = Accounts.create("Cluster load", big);
      Reply synced = Api.post("/api/accounts/" + served + "/sync");
      if (synced.status() != 200 || !synced.json().getBoolean("success")) {
        throw new IllegalStateException(synced.toString());
      }
      String path =
          Accounts.playlistOf("Cluster load", served).getJsonObject("urls").getString("m3u");
      try (ExtraServer second = ExtraServer.start(SECOND_PORT, "lineup-it")) {
        String[] alone = {Api.BASE_URL + path};
        String[] both = {Api.BASE_URL + path, second.base + path};
        // As behind a load balancer (one Host for both): the same ETag.
        String etagA = etag(Api.BASE_URL, path);
        String etagB = etag(second.base, path);
        if (etagA == null || !etagA.equals(etagB)) {
          throw new IllegalStateException("ETags differ: " + etagA + " and " + etagB);
        }
        LoadBenchmark.download(both[1]); // rendered once (shared by ETag) before the players come
        Round one = round(alone);
        Round two = round(both);
        String report =
            String.format(
                Locale.ROOT,
                "%d players downloading a 100,000-channel playlist (gzip) again and again for %d s,"
                    + " from one server, then round robin over two servers on the same database"
                    + " (one machine: they share its 2 cores). Both servers answer with the same"
                    + " ETag (%s).%n%n"
                    + "| servers | downloads | errors | downloads/s | p50 (ms) | p95 (ms) |%n"
                    + "|---|---:|---:|---:|---:|---:|%n"
                    + "| one | %d | %d | %.1f | %.0f | %.0f |%n"
                    + "| two, round robin | %d | %d | %.1f | %.0f | %.0f |%n%n"
                    + "Two against one: %.2f×.%n",
                PLAYERS,
                SECONDS,
                etagA,
                one.downloads(),
                one.errors(),
                one.perSecond(),
                LoadBenchmark.quantile(one.nanos(), 0.5),
                LoadBenchmark.quantile(one.nanos(), 0.95),
                two.downloads(),
                two.errors(),
                two.perSecond(),
                LoadBenchmark.quantile(two.nanos(), 0.5),
                LoadBenchmark.quantile(two.nanos(), 0.95),
                two.perSecond() / one.perSecond());
        new BenchmarkRun().finish("cluster-load.md", report);
        if (one.errors() + two.errors() > 0) {
          throw new IllegalStateException("Errors under load:\n" + report);
        }
      } finally {
        Api.delete("/api/accounts/" + served);
      }
    }
  }

  /** 50 players for SECONDS, each request to the next server in turn. */
  private static Round round(String[] urls) throws Exception {
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong next = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(PLAYERS);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done =
        LoadBenchmark.players(
            pool,
            PLAYERS,
            go,
            loading,
            () -> urls[(int) (next.getAndIncrement() % urls.length)],
            nanos,
            errors);
    long start = System.nanoTime();
    go.countDown();
    Thread.sleep(SECONDS * 1000L);
    loading.set(false);
    done.await(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Round(nanos.size(), errors.get(), seconds, nanos);
  }

  /** The ETag of a GET with {@code Host: tv.example}, read from the head of the answer. */
  private static String etag(String base, String path) throws Exception {
    URI server = URI.create(base);
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(60_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.0\r\nHost: tv.example\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      BufferedReader head =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("etag:")) {
          return line.substring(5).strip();
        }
      }
      return null;
    }
  }
}
