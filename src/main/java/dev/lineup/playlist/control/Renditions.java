package dev.lineup.playlist.control;

import dev.lineup.epg.control.GuideRefresh;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Player answers kept on disk (gzip) by ETag: a playlist or guide is rendered once per change and
 * then copied to every player that asks — ten TiviMates loading a 100,000-channel guide at once
 * cost one rendering, not ten. The first player gets the answer while it is rendered (a tee to the
 * file); players that ask meanwhile wait for it, then read the file. A player that hangs up does
 * not stop the rendering. Each slot (a playlist's M3U or guide for one address) keeps only its
 * latest file, and only the {@value #MAX_SLOTS} slots used last keep theirs: without PUBLIC_URL the
 * address is the caller's {@code Host} header, and a caller sending a new one each time must not
 * fill the disk. The folder is emptied at start, since ETags change with every start.
 */
@ApplicationScoped
public class Renditions {
  private static final Logger LOG = Logger.getLogger(Renditions.class.getName());
  private static final int WAIT_SECONDS = 300;
  static final int MAX_SLOTS = 64;

  /** Writes an answer's body. */
  @FunctionalInterface
  public interface Renderer {
    void render(OutputStream out) throws IOException;
  }

  /** Where the body goes, once it is known whether it is gzip and how long. */
  @FunctionalInterface
  public interface Client {
    OutputStream open(boolean gzip, long length) throws IOException;
  }

  @Inject GuideRefresh guides;

  private Path dir;
  private final Map<String, CompletableFuture<Path>> rendering = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Path> latest = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * Tidies the folder at start: answers are named by their ETag, the same on every server sharing
   * the folder and across restarts of one build, so only what nobody can be using goes — files
   * untouched for a day (an older build's, a changed playlist's) and unfinished renderings an hour
   * old. What another server renders or serves right now stays.
   */
  @PostConstruct
  void clear() {
    dir = guides.dir().resolve("rendered");
    try {
      Files.createDirectories(dir);
      FileTime day = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
      FileTime hour = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
      try (Stream<Path> old = Files.list(dir)) {
        for (Path file : old.toList()) {
          FileTime modified = Files.getLastModifiedTime(file);
          boolean unfinished = !file.getFileName().toString().endsWith(".gz");
          if (modified.compareTo(unfinished ? hour : day) < 0) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException e) {
      LOG.warning(() -> "Could not tidy " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Sends the answer whose ETag is {@code etag}: from its file when rendered already (or being
   * rendered by another request), else rendering it now for this client and the file at once.
   *
   * @param slot what the answer is (e.g. "config-7-epg"): a new rendering replaces the slot's old
   *     file
   * @param gzip whether the client accepts gzip
   */
  public void send(String slot, String etag, boolean gzip, Client client, Renderer renderer)
      throws IOException {
    String key = hash(etag);
    Path file = dir.resolve(key + ".gz");
    if (Files.isRegularFile(file)) {
      synchronized (latest) {
        latest.get(slot); // used last: kept longest
      }
      try {
        copy(file, gzip, client);
        return;
      } catch (NoSuchFileException evicted) {
        // its slot was evicted just now: render it again below
      }
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> running = rendering.putIfAbsent(key, mine);
    if (running != null) {
      Path rendered = await(running);
      if (rendered != null) {
        try {
          copy(rendered, gzip, client);
          return;
        } catch (NoSuchFileException evicted) {
          // evicted before this client read it: render for this client alone, below
        }
      }
      // The other rendering failed: render for this client alone, encoded as announced.
      OutputStream raw = client.open(gzip, -1);
      try (OutputStream out = new BufferedOutputStream(gzip ? fastGzip(raw) : raw, 1 << 16)) {
        renderer.render(out);
      }
      return;
    }
    try {
      render(file, gzip, client, renderer);
      mine.complete(file);
      for (Path stale : remember(slot, file)) {
        Files.deleteIfExists(stale); // players still reading it keep their open file
      }
    } catch (IOException | RuntimeException e) {
      mine.complete(null);
      throw e;
    } finally {
      rendering.remove(key, mine);
    }
  }

  /** Makes {@code file} the slot's answer; returns the files no slot holds any more. */
  private List<Path> remember(String slot, Path file) {
    List<Path> stale = new ArrayList<>();
    synchronized (latest) {
      Path previous = latest.put(slot, file);
      if (previous != null && !previous.equals(file)) {
        stale.add(previous);
      }
      for (Iterator<Path> eldest = latest.values().iterator();
          latest.size() > MAX_SLOTS && eldest.hasNext(); ) {
        stale.add(eldest.next());
        eldest.remove();
      }
      stale.removeIf(latest::containsValue);
    }
    return stale;
  }

  private static Path await(CompletableFuture<Path> running) throws IOException {
    try {
      return running.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for the answer", e);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  /** Renders into a temporary file and to the client at once; then moves the file in place. */
  private void render(Path file, boolean gzip, Client client, Renderer renderer)
      throws IOException {
    Path temp = Files.createTempFile(dir, "rendering-", ".tmp");
    try {
      Forgiving toClient = new Forgiving(client.open(gzip, -1));
      OutputStream toFile = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
      OutputStream body =
          gzip
              ? fastGzip(new Tee(toFile, toClient)) // one compression for both
              : new Tee(fastGzip(toFile), toClient);
      try (OutputStream out = new BufferedOutputStream(body, 1 << 16)) {
        renderer.render(out);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (toClient.failure != null) {
        LOG.log(Level.FINE, "A player hung up; the answer was kept for the next", toClient.failure);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Sends a rendered file. It is opened before anything is sent, so a file deleted meanwhile (its
   * slot evicted) is a {@link NoSuchFileException} the caller can still recover from.
   */
  private static void copy(Path file, boolean gzip, Client client) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      InputStream raw = Channels.newInputStream(channel);
      if (gzip) {
        try (OutputStream out = client.open(true, channel.size())) {
          raw.transferTo(out);
        }
      } else {
        try (InputStream in = new GZIPInputStream(raw, 1 << 16);
            OutputStream out = client.open(false, -1)) {
          in.transferTo(out);
        }
      }
    }
  }

  /** gzip at the fastest level: XMLTV and M3U still shrink about tenfold. */
  public static OutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  private static String hash(String etag) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(etag.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes to both; closes both. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }

    @Override
    public void close() throws IOException {
      try (first) {
        second.close();
      }
    }
  }

  /** The client's stream: once it fails (the player hung up), writes are dropped, not thrown. */
  private static final class Forgiving extends OutputStream {
    private final OutputStream out;
    private IOException failure;

    Forgiving(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (failure == null) {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          failure = e;
        }
      }
    }

    @Override
    public void flush() {
      if (failure == null) {
        try {
          out.flush();
        } catch (IOException e) {
          failure = e;
        }
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
  }
}
