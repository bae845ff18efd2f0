package dev.lineup.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Random;

/**
 * Synthetic Xtream lineups of any size in the captures' shape (numbers as strings, nulls, empty
 * icons), named from a small vocabulary: the tag, playlist and load benchmarks' lineups. The sync
 * benchmark uses the captures' own names ({@link CaptureLineup}).
 */
final class SyntheticLineup {
  private static final String[] PREFIXES = {"US: ", "UK| ", "CA| ", "PRIME: ", "DE: ", "FR| ", ""};
  private static final String[] NAMES = {
    "ESPN",
    "FOX NEWS",
    "CNN",
    "HBO",
    "SKY SPORTS",
    "BBC ONE",
    "CBS",
    "NBC",
    "ABC",
    "DISCOVERY",
    "NAT GEO",
    "TNT",
    "AMC",
    "CINEMAX",
    "SHOWTIME",
    "STARZ",
    "NICKELODEON",
    "CARTOON NETWORK"
  };
  private static final String[] SUFFIXES = {
    " HD", " FHD", " 4K", " ᴿᴬᵂ", " ⁶⁰ᶠᵖˢ", " (KTVT)", " [TWIN FALLS ID]", ""
  };

  private SyntheticLineup() {}

  static String categories(int count) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (int i = 1; i <= count; i++) {
      list.add(
          Json.createObjectBuilder()
              .add("category_id", String.valueOf(i))
              .add("category_name", categoryName(i))
              .add("parent_id", 0));
    }
    return list.build().toString();
  }

  static String categoryName(int i) {
    return PREFIXES[i % PREFIXES.length] + "GROUP " + i + (i % 3 == 0 ? " ᴴᴰ/ᴿᴬᵂ ⁶⁰ᶠᵖˢ" : "");
  }

  /** A channel's name as the synthetic provider sends it: "US: ESPN 12 ᴿᴬᵂ". */
  static String name(int id) {
    return PREFIXES[id % PREFIXES.length]
        + NAMES[(id / 7) % NAMES.length]
        + " "
        + (id % 97)
        + SUFFIXES[id % SUFFIXES.length];
  }

  /** n channels in the captures' shape; a share renamed, a share left out (from the end). */
  public static String streams(int n, double changed, double removed) {
    Random random = new Random(42);
    int kept = n - (int) (n * removed);
    StringBuilder json = new StringBuilder(n * 330).append('[');
    for (int id = 1; id <= kept; id++) {
      String name = name(id);
      if (random.nextDouble() < changed) {
        name = name + " NEW";
      }
      JsonObjectBuilder channel =
          Json.createObjectBuilder()
              .add("num", id)
              .add("name", name)
              .add("stream_type", "live")
              .add("stream_id", 100_000 + id)
              .add(
                  "stream_icon",
                  id % 5 == 0 ? "" : "http://logos.example.com/picons/" + id + ".png")
              .add("added", String.valueOf(1_527_000_000L + id))
              .add("category_id", String.valueOf(1 + id % 200))
              .add("custom_sid", "")
              .add("tv_archive", id % 20 == 0 ? 1 : 0)
              .add("direct_source", "")
              .add(
                  "tv_archive_duration",
                  id % 20 == 0 ? Json.createValue("3") : Json.createValue(0));
      if (id % 4 == 0) {
        channel.add("epg_channel_id", "channel" + id + ".us");
      } else {
        channel.addNull("epg_channel_id");
      }
      if (id > 1) {
        json.append(',');
      }
      json.append(channel.build());
    }
    return json.append(']').toString();
  }
}
