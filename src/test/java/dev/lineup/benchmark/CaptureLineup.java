package dev.lineup.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Big lineups in the real providers' shape: the names, categories, icons and guide ids of the four
 * Xtream captures in src/test/resources/provider/xtream (about 19,600 named channels in 207
 * categories), cycled with the variants a panel adds when it carries a channel again. The same
 * channels can be served as Xtream JSON or as an M3U playlist (tvg-* attributes, group titles,
 * catch-up), so both provider kinds are measured on one lineup.
 */
final class CaptureLineup {
  /** The captures the names come from. */
  static final String[] CAPTURES = {"eternal", "hellraiser", "iris", "tnt"};

  /** Variants a panel adds when it carries a channel again. */
  static final String[] VARIANTS = {"", " FHD", " HD", " SD", " 4K", " (BACKUP)"};

  /** A channel of the captures: its category id is prefixed with its capture's name. */
  record Source(String name, String categoryId, String icon, String epgId) {}

  /** A channel of a generated lineup. */
  record Channel(
      int id,
      String streamId,
      String name,
      String categoryId,
      String icon,
      String epgId,
      boolean archive) {}

  private static final List<Source> SOURCES = new ArrayList<>();
  private static final Map<String, String> CATEGORY_NAMES = new LinkedHashMap<>();

  static {
    for (String capture : CAPTURES) {
      for (JsonValue value : read(capture, "get_live_categories.json")) {
        JsonObject category = value.asJsonObject();
        CATEGORY_NAMES.put(
            capture + "-" + text(category, "category_id"), text(category, "category_name"));
      }
      for (JsonValue value : read(capture, "get_live_streams.json")) {
        JsonObject channel = value.asJsonObject();
        String name = text(channel, "name");
        if (!name.isBlank()) {
          SOURCES.add(
              new Source(
                  name,
                  capture + "-" + text(channel, "category_id"),
                  text(channel, "stream_icon"),
                  text(channel, "epg_channel_id")));
        }
      }
    }
  }

  private CaptureLineup() {}

  /** The named channels of the captures, in capture order. */
  static List<Source> sources() {
    return SOURCES;
  }

  /** Channel {@code id} (from 1) of a generated lineup; {@code renamed} adds " NEW". */
  static Channel channel(int id, boolean renamed) {
    int n = id - 1;
    Source source = SOURCES.get(n % SOURCES.size());
    String name =
        source.name() + VARIANTS[(n / SOURCES.size()) % VARIANTS.length] + (renamed ? " NEW" : "");
    return new Channel(
        id,
        String.valueOf(streamId(id)),
        name,
        source.categoryId(),
        source.icon(),
        source.epgId().isEmpty() ? null : source.epgId(),
        id % 20 == 0);
  }

  /**
   * Channel {@code id}'s stream id: unique, but in no order, as real panels list them (in category
   * order: in the captures only 25-50 % of neighbours ascend). Ids counting up with the list would
   * give Xtream accounts an append-only unique index, which no provider does.
   */
  static long streamId(int id) {
    return 100_000 + id * 48_271L % 1_000_003; // a permutation of 1..1,000,002
  }

  /** The captures' categories as an Xtream list. */
  static String categories() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    CATEGORY_NAMES.forEach(
        (id, name) ->
            list.add(Json.createObjectBuilder().add("category_id", id).add("category_name", name)));
    return list.build().toString();
  }

  /**
   * The channels {@code 1..n} with a share renamed (chosen at random, seeded) and a share left out
   * from the end, as {@code visit} receives them.
   */
  private static void forEach(
      int n, double renamed, double removed, java.util.function.Consumer<Channel> visit) {
    Random random = new Random(42);
    int kept = n - (int) (n * removed);
    for (int id = 1; id <= kept; id++) {
      visit.accept(channel(id, random.nextDouble() < renamed));
    }
  }

  /** The lineup as Xtream's get_live_streams answer. */
  static String streams(int n, double renamed, double removed) {
    StringBuilder json = new StringBuilder(n * 330).append('[');
    forEach(
        n,
        renamed,
        removed,
        c -> {
          JsonObjectBuilder channel =
              Json.createObjectBuilder()
                  .add("num", c.id())
                  .add("name", c.name())
                  .add("stream_type", "live")
                  .add("stream_id", Integer.parseInt(c.streamId()))
                  .add("stream_icon", c.icon())
                  .add("added", String.valueOf(1_527_000_000L + c.id()))
                  .add("category_id", c.categoryId())
                  .add("custom_sid", "")
                  .add("tv_archive", c.archive() ? 1 : 0)
                  .add("direct_source", "")
                  .add(
                      "tv_archive_duration",
                      c.archive() ? Json.createValue("3") : Json.createValue(0));
          if (c.epgId() == null) {
            channel.addNull("epg_channel_id");
          } else {
            channel.add("epg_channel_id", c.epgId());
          }
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(channel.build());
        });
    return json.append(']').toString();
  }

  /**
   * The same lineup as an M3U playlist: tvg-id, tvg-name, tvg-logo, tvg-chno, the category's name
   * as group-title, catch-up attributes on archived channels, each played from {@code host}.
   */
  static String playlist(int n, double renamed, double removed, String host) {
    StringBuilder m3u =
        new StringBuilder(n * 300).append("#EXTM3U x-tvg-url=\"" + host + "/epg.xml\"\n");
    forEach(
        n,
        renamed,
        removed,
        c -> {
          m3u.append("#EXTINF:-1 tvg-id=\"")
              .append(c.epgId() == null ? "" : attribute(c.epgId()))
              .append("\" tvg-name=\"")
              .append(attribute(c.name()))
              .append("\" tvg-logo=\"")
              .append(attribute(c.icon()))
              .append("\" tvg-chno=\"")
              .append(c.id())
              .append("\" group-title=\"")
              .append(attribute(CATEGORY_NAMES.getOrDefault(c.categoryId(), "")))
              .append('"');
          if (c.archive()) {
            m3u.append(" catchup=\"xc\" catchup-days=\"3\"");
          }
          m3u.append(',').append(c.name().replace('\n', ' ')).append('\n');
          m3u.append(host).append("/live/bench/secret/").append(c.streamId()).append(".ts\n");
        });
    return m3u.toString();
  }

  /** An attribute value: a double quote would end it, so it becomes a single one. */
  private static String attribute(String text) {
    return text.replace('"', '\'').replace('\n', ' ');
  }

  static JsonArray read(String capture, String file) {
    try (JsonReader reader =
        Json.createReader(
            Files.newBufferedReader(
                Path.of("src/test/resources/provider/xtream", capture, file),
                StandardCharsets.UTF_8))) {
      return reader.readArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null || value == JsonValue.NULL) {
      return "";
    }
    return value instanceof JsonString string ? string.getString() : value.toString();
  }
}
