package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A playlist's M3U or guide, answered to a player: {@code ETag} and {@code Last-Modified} (304 when
 * unchanged), rendered once per change ({@link Renditions}), gzip when the client accepts it. Used
 * by the player URLs and by the Xtream login's {@code xmltv.php}.
 */
@ApplicationScoped
public class PlayerAnswers {
  private static final Logger LOG = Logger.getLogger(PlayerAnswers.class.getName());
  private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

  @Inject ConfigPlaylist configs;
  @Inject GuideRefresh guides;
  @Inject Freshness freshness;
  @Inject Renditions renditions;
  @Inject PlaylistGuide playlistGuide;

  /**
   * What a request asks for.
   *
   * @param slot what the answer is, for {@link Renditions} (see {@link #slot})
   * @param epgUrl the guide's URL, which the M3U names
   * @param streams where the M3U's relayed stream URLs start ({@code {base}/s/{token}/}), or null
   *     for the provider's own URLs
   */
  public record Target(
      String slot,
      String name,
      PlaylistSettings settings,
      List<Account> accounts,
      String epgUrl,
      boolean guide,
      String streams) {}

  /** A playlist config's guide (403 disabled, 503 not synced). */
  public Target guide(PlaylistConfig config) {
    return new Target(
        slot("config", config.id(), true, ""),
        config.name(),
        config.settings(),
        configs.requireServable(config),
        null,
        true,
        null);
  }

  /**
   * What an answer is, for {@link Renditions}: one file per playlist and kind, and for an M3U per
   * address too (its {@code x-tvg-url} names it; a guide's body is the same for every address).
   */
  public static String slot(String kind, long id, boolean guide, String base) {
    return kind + "-" + id + (guide ? "-epg" : "-m3u-" + base);
  }

  public void serve(Target target, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Freshness.Validator validator =
        freshness.validator(
            target.guide() ? "guide" : "m3u",
            target.settings().toString(),
            target.guide() ? "" : target.epgUrl(), // only the M3U names the address
            target.guide() ? "" : String.valueOf(target.streams())); // and the relay's token
    target.accounts().forEach(a -> freshness.withAccount(validator, a));
    XmltvStore store = guides.guides();
    if (target.guide()) {
      // Its accounts' guides, the sources' and any a channel is mapped to: all the guides there
      // are, so a 304 is answered before a single channel is read.
      Map<String, String> all = guides.keys();
      List<String> keys = List.copyOf(all.values());
      List<String> own = target.accounts().stream().map(GuideRefresh::key).toList();
      if (own.stream().noneMatch(store::has)
          && PlaylistGuide.sources(all).stream().noneMatch(store::has)) {
        throw new ProblemException(
                503,
                "No guide yet",
                "No guide has been fetched for this playlist's accounts yet; it is fetched after"
                    + " each sync, or now with POST /api/accounts/{id}/epg/refresh.")
            .with("retry_after_seconds", 60);
      }
      for (String key : keys) {
        Instant stored = store.storedAt(key);
        validator.add(key + "@" + stored).modified(stored);
      }
    }
    String etag = validator.etag();
    response.setHeader("ETag", etag);
    response.setHeader("Last-Modified", validator.lastModified());
    // Cache-Control (private, no-cache: players may keep it, but must ask again) is set by inert
    response.setHeader("Vary", "Accept-Encoding");
    if (validator.notModified(
        request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    String file = fileName(target.name()) + (target.guide() ? ".xml" : ".m3u");
    response.setContentType(target.guide() ? "application/xml" : "audio/x-mpegurl");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "inline; filename=\"" + file + "\"");
    renditions.send(
        target.slot(),
        etag,
        acceptsGzip(request.getHeader("Accept-Encoding")),
        client(response),
        out -> {
          if (target.guide()) {
            PlaylistGuide.Plan plan = playlistGuide.plan(target.settings(), target.accounts());
            store.write(plan.keys(), plan.wanted(), out);
          } else {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (target.streams() == null) {
              configs.write(target.settings(), target.accounts(), target.epgUrl(), writer);
            } else {
              configs.write(
                  target.settings(),
                  target.accounts(),
                  target.epgUrl(),
                  writer,
                  e -> target.streams() + e.channelId() + ".ts",
                  e -> e.options().forRelay());
            }
            writer.flush();
          }
        });
  }

  /**
   * Player answers are data, never a page: a browser that opens one (the admin, from the Playlists
   * page) runs nothing in it and sends nothing from it, whatever a provider put in a guide or a
   * channel name; no shared cache keeps it, since its URL is a secret.
   */
  public static void inert(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "private, no-cache");
  }

  /**
   * A JSON answer that is the same for every player of a playlist (Xtream's lists, a tuner's
   * lineup): rendered once per change of the playlist or its accounts ({@code extra}: anything else
   * it depends on, such as the address it names), then copied.
   */
  public void sendJson(
      String slot,
      PlaylistConfig config,
      List<Account> accounts,
      String extra,
      HttpServletRequest request,
      HttpServletResponse response,
      Renditions.Renderer renderer)
      throws IOException {
    Freshness.Validator validator = freshness.validator(slot, config.settings().toString(), extra);
    accounts.forEach(a -> freshness.withAccount(validator, a));
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Vary", "Accept-Encoding");
    renditions.send(
        slot,
        validator.etag(),
        acceptsGzip(request.getHeader("Accept-Encoding")),
        client(response),
        renderer);
  }

  /**
   * What a player is told when the database or a stored guide failed: 503, try again in a minute
   * (nothing it sent was wrong).
   */
  public static ProblemException unavailable() {
    return new ProblemException(503, "Not available", "Try again in a minute.")
        .with("retry_after_seconds", 60);
  }

  /** What a player URL does, which may fail. */
  @FunctionalInterface
  public interface Answer {
    void send() throws IOException;
  }

  /**
   * Answers a player, its failures as problems: a {@link ProblemException} as it is, an I/O failure
   * (the database, or the player hung up) as {@link #unavailable}, anything else as a 500 logged
   * under {@code what} (which names the URL without its secrets).
   */
  public static void guarded(HttpServletResponse response, String what, Answer answer)
      throws IOException {
    try {
      answer.send();
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    } catch (IOException e) {
      LOG.log(Level.WARNING, what + " could not be answered: " + e.getMessage(), e);
      ProblemMapper.send(response, unavailable());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, what + " failed", e);
      ProblemMapper.send(
          response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  /** A small JSON answer: {@code body} writes the whole value. */
  public static void json(HttpServletResponse response, Consumer<JsonGenerator> body)
      throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    try (JsonGenerator json =
        JSON.createGenerator(response.getOutputStream(), StandardCharsets.UTF_8)) {
      body.accept(json);
    }
  }

  /** Where a rendition goes: the response, gzip and length announced as they are known. */
  static Renditions.Client client(HttpServletResponse response) {
    return (gzip, length) -> {
      if (gzip) {
        response.setHeader("Content-Encoding", "gzip");
      }
      if (length >= 0) {
        response.setContentLengthLong(length);
      }
      return sending(response);
    };
  }

  /**
   * The response's body stream, whose {@code flush()} sends what was written at once: Liberty's own
   * stream keeps it until its buffer fills, so a player would wait for the first rows of a long
   * query before it saw a byte. Only explicit flushes send; writes go to the buffer as usual.
   */
  public static OutputStream sending(HttpServletResponse response) throws IOException {
    OutputStream body = response.getOutputStream();
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        body.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        body.write(bytes, offset, length);
      }

      @Override
      public void flush() throws IOException {
        body.flush();
        response.flushBuffer();
      }

      @Override
      public void close() throws IOException {
        body.close();
      }
    };
  }

  public static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      String coding = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        for (int i = 1; i < pieces.length; i++) {
          String q = pieces[i].trim().replace(" ", "");
          if (q.matches("q=0(\\.0{0,3})?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** A file name any client accepts: ASCII letters, digits, '-', '_' and '.'. */
  public static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "playlist" : safe;
  }
}
