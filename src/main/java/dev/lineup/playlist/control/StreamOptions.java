package dev.lineup.playlist.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stream needs besides its URL, as an M3U provider's entry gave it (kept by the sync in the
 * channel's {@code extras}): the user agent and referrer the stream must be asked with, catch-up
 * and time-shift attributes, and the {@code #EXTVLCOPT}/{@code #KODIPROP} lines players read. A
 * stream that needs its user agent fails in the player without them.
 *
 * <p>Players read these in different places, so the user agent and referrer are written in both
 * forms, whichever the provider used: as {@code user-agent}/{@code referrer} attributes (TiviMate,
 * iptv-playlist-parser, {@code @iptv/playlist}) and as {@code #EXTVLCOPT:http-user-agent} / {@code
 * http-referrer} lines (VLC, Kodi). Only known options pass: a provider's text is hostile, and an
 * arbitrary VLC option (an output chain, say) has no business in a player's playlist.
 */
public record StreamOptions(Map<String, String> attributes, List<String> lines) {
  public static final StreamOptions NONE = new StreamOptions(Map.of(), List.of());

  /** Attributes written back as they came (besides the user agent and referrer). */
  private static final List<String> PASSED =
      List.of(
          "catchup",
          "catchup-type",
          "catchup-source",
          "catchup-days",
          "catchup-correction",
          "timeshift",
          "tvg-shift",
          "tvg-rec");

  private static final Pattern VLC_OPTION =
      Pattern.compile(
          "#EXTVLCOPT:((http-user-agent|http-referrer|http-referer|http-origin|http-cookie"
              + "|http-reconnect|http-continuous|http-forward-cookies|network-caching"
              + "|adaptive-[a-z-]+|program)(=.*)?)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern KODI_PROPERTY =
      Pattern.compile(
          "#KODIPROP:((inputstream(addon)?|inputstream\\.[a-z0-9_.]+|mimetype)=.*)",
          Pattern.CASE_INSENSITIVE);
  private static final int MAX_VALUE = 2048;

  /** One factory: {@code Json.createReader} looks the JSON provider up again on every call. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /** Text any extras with stream options hold; most entries' extras (a tvg-name) hold none. */
  private static final Pattern RELEVANT =
      Pattern.compile(
          "\"(options|user-agent|http-user-agent|referr?er|http-referr?er|catchup"
              + "|timeshift|tvg-shift|tvg-rec)");

  /** The options in a channel's extras JSON; {@link #NONE} for null or unreadable extras. */
  public static StreamOptions of(String extras) {
    if (extras == null || !RELEVANT.matcher(extras).find()) {
      return NONE;
    }
    JsonObject json;
    try (JsonReader reader = READERS.createReader(new StringReader(extras))) {
      json = reader.readObject();
    } catch (JsonException | ClassCastException e) {
      return NONE;
    }
    String userAgent = first(json, "user-agent", "http-user-agent");
    String referrer = first(json, "referrer", "http-referrer", "referer", "http-referer");
    List<String> lines = new ArrayList<>();
    JsonValue options = json.get("options");
    if (options != null && options.getValueType() == JsonValue.ValueType.ARRAY) {
      for (JsonValue option : options.asJsonArray()) {
        if (!(option instanceof JsonString string)) {
          continue;
        }
        String line = M3uWriter.oneLine(string.getString()).strip();
        Matcher vlc = VLC_OPTION.matcher(line);
        if (vlc.matches() && line.length() <= MAX_VALUE) {
          String key = vlc.group(2).toLowerCase(Locale.ROOT);
          String value = vlc.group(3) == null ? "" : vlc.group(3).substring(1).strip();
          if (key.equals("http-user-agent")) {
            userAgent = userAgent == null ? blankToNull(value) : userAgent;
          } else if (key.equals("http-referrer") || key.equals("http-referer")) {
            referrer = referrer == null ? blankToNull(value) : referrer;
          } else {
            lines.add("#EXTVLCOPT:" + vlc.group(1));
          }
        } else if (KODI_PROPERTY.matcher(line).matches() && line.length() <= MAX_VALUE) {
          lines.add(line);
        }
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    if (userAgent != null) {
      attributes.put("user-agent", userAgent);
      all.add("#EXTVLCOPT:http-user-agent=" + M3uWriter.attribute(userAgent));
    }
    if (referrer != null) {
      attributes.put("referrer", referrer);
      all.add("#EXTVLCOPT:http-referrer=" + M3uWriter.attribute(referrer));
    }
    for (String name : PASSED) {
      String value = text(json, name);
      if (value != null) {
        attributes.put(name, value);
      }
    }
    all.addAll(lines);
    return attributes.isEmpty() && all.isEmpty() ? NONE : new StreamOptions(attributes, all);
  }

  /**
   * These options without the provider's catch-up attributes ({@code catchup*}, {@code timeshift}):
   * for a playlist whose streams are Lineup's, where the provider's archive URLs (which may hold
   * its login) do not belong.
   */
  public StreamOptions withoutCatchup() {
    if (attributes.keySet().stream().noneMatch(StreamOptions::catchup)) {
      return this;
    }
    Map<String, String> without = new LinkedHashMap<>(attributes);
    without.keySet().removeIf(StreamOptions::catchup);
    return new StreamOptions(without, lines);
  }

  /**
   * These options for a relayed stream (Lineup's URL): no user agent or referrer (the relay asks
   * the provider with them), no {@code #EXTVLCOPT}/{@code #KODIPROP} lines (the relay serves plain
   * MPEG-TS), and no catch-up (the provider's archive URLs hold its login).
   */
  public StreamOptions forRelay() {
    Map<String, String> kept = new LinkedHashMap<>(attributes);
    kept.keySet().removeIf(a -> catchup(a) || a.equals("user-agent") || a.equals("referrer"));
    return kept.isEmpty() ? NONE : new StreamOptions(kept, List.of());
  }

  private static boolean catchup(String attribute) {
    return attribute.startsWith("catchup") || attribute.equals("timeshift");
  }

  /**
   * These options with catch-up for a channel whose provider keeps an archive of {@code days}
   * (Xtream's {@code tv_archive}): {@code catchup="xc"} and {@code catchup-days}, so Kodi and
   * TiviMate offer it. A provider's own catch-up attributes are kept as they are.
   */
  public StreamOptions withArchive(int days) {
    if (attributes.containsKey("catchup") || attributes.containsKey("catchup-type")) {
      return this;
    }
    Map<String, String> with = new LinkedHashMap<>(attributes);
    with.put("catchup", "xc");
    if (days > 0) {
      with.put("catchup-days", String.valueOf(days));
    }
    return new StreamOptions(with, lines);
  }

  private static String first(JsonObject json, String... names) {
    for (String name : names) {
      String value = text(json, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String text(JsonObject json, String name) {
    return json.get(name) instanceof JsonString value && value.getString().length() <= MAX_VALUE
        ? blankToNull(M3uWriter.attribute(value.getString()))
        : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
