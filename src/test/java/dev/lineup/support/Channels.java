package dev.lineup.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.function.IntFunction;

/**
 * Builds synthetic Xtream lists in the captures' shape (numbers as strings, nulls, empty icons).
 */
public final class Channels {
  private Channels() {}

  /** Categories "1".."count" named "Category n". */
  public static String categories(int count) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (int i = 1; i <= count; i++) {
      list.add(
          Json.createObjectBuilder()
              .add("category_id", String.valueOf(i))
              .add("category_name", "US| Category " + i)
              .add("parent_id", 0));
    }
    return list.build().toString();
  }

  /** Channels with stream ids {@code first..first+count-1}, named by {@code name}. */
  public static String streams(int first, int count, int categories, IntFunction<String> name) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (int id = first; id < first + count; id++) {
      JsonObjectBuilder channel = Json.createObjectBuilder();
      if (id % 4 == 0) {
        channel.add("epg_channel_id", "ch" + id + ".us");
      } else {
        channel.addNull("epg_channel_id");
      }
      list.add(
          channel
              .add("num", id)
              .add("name", name.apply(id))
              .add("stream_type", "live")
              .add("stream_id", id)
              .add("stream_icon", id % 3 == 0 ? "" : "http://logos.example/" + id + ".png")
              .add("added", "1527267703")
              .add("category_id", String.valueOf(1 + id % Math.max(categories, 1)))
              .add("custom_sid", "")
              .add("tv_archive", 0)
              .add("direct_source", "")
              .add(
                  "tv_archive_duration",
                  id % 10 == 0 ? Json.createValue("3") : Json.createValue(0)));
    }
    return list.build().toString();
  }

  /** The legacy golden examples as a provider's lists: channel name, category name. */
  public static final String[][] GOLDEN = {
    {"PRIME: SHADES OF BLACK ᴿᴬᵂ", "US| PRIME ᴿᴬᵂ ⁶⁰ᶠᵖˢ"},
    {"US: FOX NET [TWIN FALLS ID]", "US| FOX ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ"},
    {"US: CBS 11 DALLAS TX (KTVT) HD", "US| NEWS ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ"},
    {"US| CNN HD", "US| NEWS"}
  };

  /** Serves the golden examples: example i is stream {@code 500 + i} in category {@code i + 1}. */
  public static void serveGolden(FakeProvider provider) {
    JsonArrayBuilder categories = Json.createArrayBuilder();
    JsonArrayBuilder streams = Json.createArrayBuilder();
    for (int i = 0; i < GOLDEN.length; i++) {
      categories.add(
          Json.createObjectBuilder()
              .add("category_id", String.valueOf(i + 1))
              .add("category_name", GOLDEN[i][1]));
      streams.add(
          Json.createObjectBuilder()
              .add("num", i + 1)
              .add("name", GOLDEN[i][0])
              .add("stream_id", 500 + i)
              .add("category_id", String.valueOf(i + 1)));
    }
    provider.serve(categories.build().toString(), streams.build().toString());
  }

  public static String streams(int first, int count) {
    return streams(first, count, 5, id -> "US: Channel " + id + " HD");
  }
}
