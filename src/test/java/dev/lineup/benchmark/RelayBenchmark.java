package dev.lineup.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Accounts;
import dev.lineup.support.Api;
import dev.lineup.support.FakeProvider;
import dev.lineup.support.FakeStreams;
import dev.lineup.support.StreamClient;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's figures, run by {@code ./mvnw -Pbenchmark verify -Dit.test=RelayBenchmark} against the
 * server at -Xmx256m, with a fake provider whose channels play at 4 Mbit/s (500 KB/s):
 *
 * <ul>
 *   <li>time to first byte through the relay against the provider's own, on channels nobody watches
 *       yet (each opened once: the relay's whole cost, from the playlist lookup to the provider's
 *       connection); target: p95 no more than 150 ms over the provider's;
 *   <li>50 viewers on 10 channels for 60 s (-Drelay.seconds): bytes per second in all and per
 *       viewer, the server's CPU and peak heap, and the viewers' first-byte p95; targets: one
 *       provider connection per channel, every viewer kept at the stream's rate, no error;
 *   <li>halfway, one player per channel that takes nothing joins: they are dropped, and the live
 *       heap (after a full collection) stays flat.
 * </ul>
 *
 * Results go to the console and target/benchmarks/relay.md (see docs/benchmarks.md).
 */
class RelayBenchmark {
  private static final int CHANNELS = 10;
  private static final int VIEWERS = 50;
  private static final int COLD = 30;
  private static final int RATE = 500_000;
  private static final int SECONDS = Integer.getInteger("relay.seconds", 60);
  private static final Pattern CPU =
      Pattern.compile(
          "^cpu_processCpuTime(_seconds)?(?:\\{[^}]*\\})? ([0-9.E+]+)", Pattern.MULTILINE);

  private static final Pattern DROPPED =
      Pattern.compile(
          "^lineup_relay_viewers_dropped_total(?:\\{[^}]*\\})? ([0-9.E+]+)", Pattern.MULTILINE);

  @Test
  void relayBenchmark() throws Exception {
    try (FakeStreams streams = FakeStreams.start().rate(RATE);
        FakeProvider provider = FakeProvider.start()) {
      StringBuilder m3u = new StringBuilder("#EXTM3U\n");
      for (int i = 0; i < CHANNELS; i++) {
        m3u.append("#EXTINF:-1 group-title=\"Load\",load").append(i).append('\n');
        m3u.append(streams.url("load" + i)).append('\n');
      }
      for (int i = 0; i < COLD; i++) {
        m3u.append("#EXTINF:-1 group-title=\"Cold\",cold").append(i).append('\n');
        m3u.append(streams.url("cold" + i)).append('\n');
      }
      provider.servePlaylist(m3u.toString());
      long account = Accounts.createM3u("Relay load", provider.url() + "/playlist.m3u");
      try {
        require(Api.post("/api/accounts/" + account + "/sync").json().getBoolean("success"));
        Map<String, Long> ids = new HashMap<>();
        for (JsonValue c :
            Api.get("/api/accounts/" + account + "/preview?limit=100")
                .json()
                .getJsonArray("channels")) {
          ids.put(
              c.asJsonObject().getString("name"), c.asJsonObject().getJsonNumber("id").longValue());
        }
        String token =
            Accounts.playlistOf("Relay load", account)
                .getJsonObject("urls")
                .getString("m3u")
                .split("/")[2];
        run(streams, token, ids);
      } finally {
        Api.delete("/api/accounts/" + account);
      }
    }
  }

  private void run(FakeStreams streams, String token, Map<String, Long> ids) throws Exception {
    // Time to first byte, cold: the provider's own, then through Lineup, channel by channel
    List<Long> direct = new ArrayList<>();
    List<Long> relayed = new ArrayList<>();
    for (int i = 0; i < COLD; i++) {
      direct.add(firstByte(URI.create(streams.url("cold" + i))));
    }
    for (int i = 0; i < COLD; i++) {
      long start = System.nanoTime();
      try (StreamClient client =
          StreamClient.open("/s/" + token + "/" + ids.get("cold" + i) + ".ts")) {
        require(client.status == 200);
        client.read(1);
        relayed.add(System.nanoTime() - start);
      }
    }

    // 50 viewers on 10 channels
    AtomicBoolean watching = new AtomicBoolean(true);
    AtomicInteger errors = new AtomicInteger();
    List<Long> firstBytes = Collections.synchronizedList(new ArrayList<>());
    List<AtomicLong> received = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(VIEWERS);
    long cpuBefore = cpuNanos();
    long droppedBefore = dropped();
    long start;
    long peakMb;
    long liveBefore;
    long liveAfter;
    List<StreamClient> stuck = new ArrayList<>();
    try (HeapSampler heap = new HeapSampler();
        LiveHeap live = LiveHeap.attach()) {
      start = System.nanoTime();
      for (int v = 0; v < VIEWERS; v++) {
        AtomicLong bytes = new AtomicLong();
        received.add(bytes);
        String path = "/s/" + token + "/" + ids.get("load" + (v % CHANNELS)) + ".ts";
        Thread viewer =
            new Thread(
                () -> {
                  long asked = System.nanoTime();
                  try (StreamClient client = StreamClient.open(path)) {
                    if (client.status != 200) {
                      errors.incrementAndGet();
                      return;
                    }
                    client.read(1);
                    firstBytes.add(System.nanoTime() - asked);
                    while (watching.get()) {
                      bytes.addAndGet(client.read(64 * 1024));
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  } finally {
                    done.countDown();
                  }
                },
                "viewer-" + v);
        viewer.setDaemon(true);
        viewer.start();
      }
      // Halfway: the live heap, then a player per channel that takes nothing joins; near the end
      // the
      // live heap again (they are dropped after RELAY_SLOW_VIEWER_SECONDS and hold nothing)
      Thread.sleep(SECONDS * 1000L / 2);
      liveBefore = live.collectedBytes();
      for (int i = 0; i < CHANNELS; i++) {
        stuck.add(StreamClient.open("/s/" + token + "/" + ids.get("load" + i) + ".ts", true));
      }
      Thread.sleep(SECONDS * 1000L / 2 - 2000);
      liveAfter = live.collectedBytes();
      Thread.sleep(2000);
      watching.set(false);
      done.await();
      peakMb = heap.peakMb();
    } finally {
      for (StreamClient client : stuck) {
        client.close();
      }
    }
    long droppedStuck = dropped() - droppedBefore;
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpuBefore) / 1e9 / wall / Runtime.getRuntime().availableProcessors();
    long total = received.stream().mapToLong(AtomicLong::get).sum();
    long slowest = received.stream().mapToLong(AtomicLong::get).min().orElse(0);
    int opens = 0;
    for (int i = 0; i < CHANNELS; i++) {
      opens += streams.opens("load" + i);
    }
    double directP95 = quantile(direct, 0.95);
    double relayedP95 = quantile(relayed, 0.95);
    String report =
        String.format(
            Locale.ROOT,
            "Time to first byte on %d channels nobody watched yet, each opened once, then %d"
                + " viewers on %d channels (4 Mbit/s each) for %.0f s.%n%n"
                + "| first byte | p50 (ms) | p95 (ms) | max (ms) |%n"
                + "|---|---:|---:|---:|%n"
                + "| the provider's own | %.1f | %.1f | %.1f |%n"
                + "| through Lineup (cold) | %.1f | %.1f | %.1f |%n"
                + "| through Lineup (load viewers) | %.1f | %.1f | %.1f |%n%n"
                + "| load | figure |%n|---|---:|%n"
                + "| relayed in all | %.1f MB/s |%n"
                + "| slowest viewer | %.0f KB/s (the stream: %d KB/s) |%n"
                + "| provider connections | %d for %d channels |%n"
                + "| server CPU | %.0f %% of %d cores |%n"
                + "| server peak heap (used, garbage included) | %d MB |%n"
                + "| server live heap (after a full collection), halfway | %.1f MB |%n"
                + "| the same after %d players that take nothing joined for %.0f s | %.1f MB"
                + " (%d dropped) |%n"
                + "| errors | %d |%n",
            COLD,
            VIEWERS,
            CHANNELS,
            wall,
            quantile(direct, 0.5),
            directP95,
            quantile(direct, 1),
            quantile(relayed, 0.5),
            relayedP95,
            quantile(relayed, 1),
            quantile(firstBytes, 0.5),
            quantile(firstBytes, 0.95),
            quantile(firstBytes, 1),
            total / wall / 1e6,
            slowest / wall / 1e3,
            RATE / 1000,
            opens,
            CHANNELS,
            cpu * 100,
            Runtime.getRuntime().availableProcessors(),
            peakMb,
            liveBefore / 1048576.0,
            CHANNELS,
            SECONDS / 2.0 - 2,
            liveAfter / 1048576.0,
            droppedStuck,
            errors.get());
    new BenchmarkRun()
        .target(
            "first byte p95 through Lineup ≤ the provider's + 150 ms",
            relayedP95 <= directP95 + 150,
            String.format(Locale.ROOT, "%.1f ms over", relayedP95 - directP95))
        .target("one provider connection per channel", opens == CHANNELS, opens + " connections")
        .target(
            "every viewer kept at the stream's rate (≥ 90 %)",
            slowest / wall >= 0.9 * RATE,
            String.format(Locale.ROOT, "slowest %.0f KB/s", slowest / wall / 1e3))
        .target("no errors", errors.get() == 0, errors.get() + " errors")
        .target(
            "players that take nothing are dropped",
            droppedStuck >= CHANNELS,
            droppedStuck + " of " + CHANNELS + " dropped")
        .target(
            "live heap flat with them (≤ +8 MB)",
            liveAfter - liveBefore <= 8L * 1024 * 1024,
            String.format(Locale.ROOT, "%+.1f MB", (liveAfter - liveBefore) / 1048576.0))
        .serverMaxHeap()
        .finish("relay.md", report);
  }

  /** Time to the first body byte of a GET straight to the provider's stream server. */
  private static long firstByte(URI uri) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + uri.getRawPath()
                      + " HTTP/1.1\r\nHost: "
                      + uri.getHost()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      int last4 = 0;
      while (last4 != 0x0d0a0d0a) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("no body");
        }
        last4 = (last4 << 8) | b;
      }
      require(in.read() >= 0);
      return System.nanoTime() - start;
    }
  }

  /** Viewers the relay dropped so far (its /metrics). */
  private static long dropped() {
    Matcher m =
        DROPPED.matcher(
            Api.get(
                    "/metrics?scope=application&name=lineup_relay_viewers_dropped_total",
                    "text/plain")
                .body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  /** The server's CPU time so far, in nanoseconds (its /metrics). */
  private static long cpuNanos() {
    Matcher m =
        CPU.matcher(Api.get("/metrics?scope=base&name=cpu.processCpuTime", "text/plain").body());
    if (!m.find()) {
      return 0;
    }
    double value = Double.parseDouble(m.group(2));
    return m.group(1) != null ? (long) (value * 1e9) : (long) value;
  }

  private static double quantile(List<Long> nanos, double q) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }

  private static void require(boolean condition) {
    assertEquals(true, condition);
  }
}
