package dev.lineup.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake provider's stream server on 127.0.0.1: every {@code …/{name}.ts} plays the test MPEG-TS
 * stream (H.264 640x360 + AAC) over and over at a steady rate, like a live channel, until the
 * client hangs up (at most {@link #MAX_SECONDS}). It counts the connections each stream gets, keeps
 * the headers it was asked with, and misbehaves per stream on demand. {@code /hls/index.m3u8} is
 * the same kind of stream as HLS (three 2-second segments).
 */
public final class FakeStreams implements AutoCloseable {
  /** The password in every stream URL: no output of Lineup's may show it. */
  public static final String SECRET = "str3am-s3cret";

  /** The longest any answer lasts, so the server stops by itself. */
  public static final int MAX_SECONDS = 180;

  /** How a stream answers its next requests. */
  public enum Mode {
    PLAY,
    SERVER_ERROR,
    NOT_FOUND,
    FORBIDDEN,
    /** 200, about 200 KB of the stream, then silence: a source that hangs mid-stream. */
    HANG_MID_STREAM
  }

  private static final byte[] TS = resource("/stream/test.ts");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> openNow = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<String>>> headers = new ConcurrentHashMap<>();
  private volatile int bytesPerSecond = 500_000;

  private FakeStreams() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "fake-streams");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeStreams start() {
    try {
      return new FakeStreams();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of stream {@code name}, with a provider-like login in its path. */
  public String url(String name) {
    return base() + "/live/viewer/" + SECRET + "/" + name + ".ts";
  }

  /** The HLS stream's URL. */
  public String hlsUrl() {
    return base() + "/hls/index.m3u8?token=" + SECRET;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeStreams mode(String name, Mode mode) {
    modes.put(name, mode);
    return this;
  }

  /** How fast streams play (bytes per second). */
  public FakeStreams rate(int bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    return this;
  }

  /** How many requests stream {@code name} has had. */
  public int opens(String name) {
    return counter(opens, name).get();
  }

  /** How many of its answers are being sent now. */
  public int openNow(String name) {
    return counter(openNow, name).get();
  }

  /** A header of the last request for stream {@code name}, or null. */
  public String header(String name, String header) {
    Map<String, List<String>> last = headers.get(name);
    if (last == null) {
      return null;
    }
    return last.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(header))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static AtomicInteger counter(Map<String, AtomicInteger> map, String name) {
    return map.computeIfAbsent(name, n -> new AtomicInteger());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/hls/")) {
        hls(exchange, path.substring(5));
        return;
      }
      String file = path.substring(path.lastIndexOf('/') + 1);
      String name = file.endsWith(".ts") ? file.substring(0, file.length() - 3) : file;
      counter(opens, name).incrementAndGet();
      headers.put(name, Map.copyOf(exchange.getRequestHeaders()));
      Mode mode = modes.getOrDefault(name, Mode.PLAY);
      switch (mode) {
        case SERVER_ERROR -> status(exchange, 500);
        case NOT_FOUND -> status(exchange, 404);
        case FORBIDDEN -> status(exchange, 403);
        case PLAY, HANG_MID_STREAM -> play(exchange, name, mode == Mode.HANG_MID_STREAM);
      }
    }
  }

  private void play(HttpExchange exchange, String name, boolean hang) throws IOException {
    AtomicInteger now = counter(openNow, name);
    now.incrementAndGet();
    try {
      live(exchange, bytesPerSecond, hang ? 200_000 : Long.MAX_VALUE);
    } finally {
      now.decrementAndGet();
    }
  }

  /**
   * Answers the test stream as a live channel: over and over at {@code bytesPerSecond}, until the
   * client hangs up or {@link #MAX_SECONDS} pass; after {@code hangAfter} bytes it goes silent.
   */
  public static void live(HttpExchange exchange, int bytesPerSecond, long hangAfter)
      throws IOException {
    try {
      exchange.getResponseHeaders().set("Content-Type", "video/mp2t");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long start = System.nanoTime();
      long sent = 0;
      int offset = 0;
      while (System.nanoTime() - start < MAX_SECONDS * 1_000_000_000L) {
        if (sent >= hangAfter) {
          out.flush();
          Thread.sleep(MAX_SECONDS * 1000L);
          return;
        }
        long due = (System.nanoTime() - start) * bytesPerSecond / 1_000_000_000L + 188 * 100;
        while (sent < due) {
          int n = Math.min(TS.length - offset, 188 * 64);
          out.write(TS, offset, n);
          offset = (offset + n) % TS.length;
          sent += n;
        }
        out.flush();
        Thread.sleep(10);
      }
    } catch (IOException | InterruptedException e) {
      // the client hung up, or the server stops
    }
  }

  private void hls(HttpExchange exchange, String file) throws IOException {
    counter(opens, "hls/" + file).incrementAndGet();
    byte[] body =
        file.matches("index\\.m3u8|seg_00[0-2]\\.ts") ? resource("/stream/hls/" + file) : null;
    if (body == null) {
      status(exchange, 404);
      return;
    }
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            file.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void status(HttpExchange exchange, int status) throws IOException {
    byte[] body = ("HTTP " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = FakeStreams.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
