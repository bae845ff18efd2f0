package dev.lineup.relay.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HLS source served as one MPEG-TS stream: Lineup reads the playlist (the highest-bandwidth
 * variant of a master playlist), fetches each new segment in order and passes its bytes on, and
 * reloads the playlist every half target duration; no new segment for {@code RELAY_STALL_SECONDS}
 * (or two target durations, when longer) is a failure. Players get a plain TS stream, like from any
 * other source, and never see the provider's segment URLs. Encrypted HLS ({@code #EXT-X-KEY} with a
 * method) and fMP4 segments ({@code #EXT-X-MAP}) are not relayed: the source fails with that
 * reason.
 */
final class HlsReader {
  /** A playlist larger than this is not a stream's playlist. */
  private static final int MAX_PLAYLIST = 1024 * 1024;

  /** Segments a live playlist is joined at, from its end (players start there too). */
  private static final int LIVE_EDGE = 3;

  private static final Pattern BANDWIDTH = Pattern.compile("[:,]BANDWIDTH=(\\d{1,12})");
  private static final Pattern NUMBER = Pattern.compile(":(\\d{1,18})");

  private final Upstream upstream;
  private final Source source;
  private URI playlist;

  HlsReader(Upstream upstream, Source source, URI playlist) {
    this.upstream = upstream;
    this.source = source;
    this.playlist = playlist;
  }

  /** Whether an answer is an HLS playlist: by its type, its URL, or its first bytes. */
  static boolean isPlaylist(String contentType, String url, InputStream in) throws IOException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("mpegurl")) {
      return true;
    }
    String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
    if (path.endsWith(".m3u8")) {
      return true;
    }
    in.mark(16);
    byte[] head = in.readNBytes(7);
    in.reset();
    return new String(head, StandardCharsets.US_ASCII).equals("#EXTM3U");
  }

  /** Plays the playlist whose body is {@code first} until the source fails or the stream stops. */
  SourceFailure read(InputStream first) throws IOException {
    String text = text(first);
    if (text.contains("#EXT-X-STREAM-INF")) {
      URI variant = variant(text);
      if (variant == null) {
        return SourceFailure.failed("an HLS master playlist without a variant");
      }
      playlist = variant;
      Loaded loaded = load(playlist);
      if (loaded.failure() != null) {
        return loaded.failure();
      }
      text = loaded.text();
    }
    long nextSegment = -1;
    long lastNew = System.nanoTime();
    while (!upstream.stopped()) {
      if (text.contains("#EXT-X-MAP")
          || text.lines().anyMatch(l -> l.startsWith("#EXT-X-KEY") && !l.contains("METHOD=NONE"))) {
        return SourceFailure.failed("encrypted or fMP4 HLS, which the relay does not pass on");
      }
      Media media = media(text);
      if (nextSegment > media.sequence() + media.segments().size() + LIVE_EDGE * 2L) {
        nextSegment = -1; // the sequence went back (the provider's encoder restarted): join again
      }
      if (nextSegment < 0) {
        nextSegment =
            media.ended()
                ? media.sequence()
                : media.sequence() + Math.max(0, media.segments().size() - LIVE_EDGE);
      }
      for (int i = 0; i < media.segments().size(); i++) {
        long seq = media.sequence() + i;
        if (seq < nextSegment) {
          continue;
        }
        SourceFailure failure = segment(media.segments().get(i));
        if (failure != null) {
          return failure;
        }
        nextSegment = seq + 1;
        lastNew = System.nanoTime();
      }
      if (media.ended()) {
        return SourceFailure.ENDED;
      }
      long waitMillis = Math.max(500, media.targetSeconds() * 500L);
      long silentNanos = System.nanoTime() - lastNew;
      if (silentNanos > Math.max(2L * media.targetSeconds(), upstream.stallSeconds()) * 1e9) {
        return SourceFailure.failed("no new HLS segment for " + silentNanos / 1_000_000_000 + " s");
      }
      sleep(waitMillis);
      Loaded loaded = load(playlist);
      if (loaded.failure() != null) {
        return loaded.failure();
      }
      text = loaded.text();
    }
    return SourceFailure.failed("stopped");
  }

  /** A media playlist's parts. */
  private record Media(long sequence, int targetSeconds, List<URI> segments, boolean ended) {}

  private Media media(String text) {
    long sequence = 0;
    int target = 6;
    boolean ended = false;
    List<URI> segments = new ArrayList<>();
    for (String line : text.lines().map(String::strip).toList()) {
      if (line.startsWith("#EXT-X-MEDIA-SEQUENCE")) {
        sequence = number(line, 0);
      } else if (line.startsWith("#EXT-X-TARGETDURATION")) {
        target = (int) Math.min(60, Math.max(1, number(line, 6)));
      } else if (line.startsWith("#EXT-X-ENDLIST")) {
        ended = true;
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        URI segment = resolve(line);
        if (segment != null) {
          segments.add(segment);
        }
      }
    }
    return new Media(sequence, target, segments, ended);
  }

  /** The variant with the highest bandwidth (the first when none says). */
  private URI variant(String master) {
    List<String> lines = master.lines().map(String::strip).toList();
    URI best = null;
    long bestBandwidth = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("#EXT-X-STREAM-INF")) {
        continue;
      }
      Matcher bandwidth = BANDWIDTH.matcher(lines.get(i));
      long value = bandwidth.find() ? Long.parseLong(bandwidth.group(1)) : 0;
      for (int j = i + 1; j < lines.size(); j++) {
        String uri = lines.get(j);
        if (!uri.isEmpty() && !uri.startsWith("#")) {
          URI resolved = resolve(uri);
          if (resolved != null && value > bestBandwidth) {
            best = resolved;
            bestBandwidth = value;
          }
          break;
        }
      }
    }
    return best;
  }

  /** Passes one segment's bytes on; null when it arrived whole. */
  private SourceFailure segment(URI uri) throws IOException {
    HttpURLConnection connection = upstream.open(uri, source);
    try {
      int status = connection.getResponseCode();
      if (status == 401 || status == 403) {
        return new SourceFailure("HTTP " + status + " for an HLS segment", true, false);
      }
      if (status != 200) {
        return SourceFailure.failed("HTTP " + status + " for an HLS segment");
      }
      try (InputStream in = connection.getInputStream()) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!upstream.stopped() && (n = in.read(buffer)) >= 0) {
          if (n > 0) {
            upstream.publish(buffer, n);
          }
        }
      }
      return null;
    } finally {
      connection.disconnect();
    }
  }

  /** A playlist's text, or why it could not be read. */
  private record Loaded(String text, SourceFailure failure) {}

  /**
   * The playlist at {@code uri}; its URL after redirects becomes the base of the URLs in it. A 401
   * or 403 is a refusal (no other account is tried).
   */
  private Loaded load(URI uri) throws IOException {
    HttpURLConnection connection = upstream.open(uri, source);
    try {
      int status = connection.getResponseCode();
      if (status == 401 || status == 403) {
        return new Loaded(
            null, new SourceFailure("HTTP " + status + " for its HLS playlist", true, false));
      }
      if (status != 200) {
        return new Loaded(null, SourceFailure.failed("HTTP " + status + " for its HLS playlist"));
      }
      try {
        playlist = connection.getURL().toURI();
      } catch (URISyntaxException e) {
        // keep the URL asked for
      }
      try (InputStream in = new BufferedInputStream(connection.getInputStream())) {
        return new Loaded(text(in), null);
      }
    } finally {
      connection.disconnect();
    }
  }

  private static String text(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_PLAYLIST + 1);
    if (body.length > MAX_PLAYLIST) {
      throw new IOException("an HLS playlist over 1 MB");
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private URI resolve(String reference) {
    try {
      URI uri = playlist.resolve(new URI(reference.replace(" ", "%20")));
      return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? uri : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static long number(String line, long fallback) {
    Matcher m = NUMBER.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      upstream.stop();
    }
  }
}
