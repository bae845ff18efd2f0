package dev.lineup.xtream.control;

import dev.lineup.account.entity.Account;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.provider.control.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A playlist config's channels the way an Xtream Codes panel lists them ({@code
 * get_live_categories}, {@code get_live_streams}), written as they are read from the database: in
 * the playlist's order, with its numbers and groups. A stream's id is Lineup's own channel id, so a
 * player's favourites survive syncs; its guide id is the one the playlist's guide uses; no provider
 * URL is ever listed ({@code direct_source} is empty).
 *
 * <p>Groups become categories. A category's id is derived from its name (the first 31 bits of its
 * SHA-256), so it stays the same from one answer to the next and across syncs; channels without a
 * group are in category {@value #NO_GROUP_ID}.
 */
@ApplicationScoped
public class XtreamLineup {
  static final String NO_GROUP_ID = "0";
  static final String NO_GROUP_NAME = "Uncategorized";
  private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

  @Inject ConfigPlaylist configs;

  /** The playlist's groups, in order of their first channel. */
  public void categories(PlaylistConfig config, List<Account> accounts, OutputStream out)
      throws IOException {
    Map<String, String> ids = new HashMap<>(); // group -> category id; bounded by the groups
    Map<String, String> groups = new LinkedHashMap<>(); // category id -> name, in order
    configs.entries(
        config.settings(),
        accounts,
        null,
        e -> {
          String group = e.group() == null ? "" : e.group();
          groups.putIfAbsent(
              ids.computeIfAbsent(group, XtreamLineup::categoryId), groupName(group));
        });
    try (JsonGenerator json = JSON.createGenerator(out, StandardCharsets.UTF_8)) {
      json.writeStartArray();
      for (Map.Entry<String, String> group : groups.entrySet()) {
        json.writeStartObject()
            .write("category_id", group.getKey())
            .write("category_name", group.getValue())
            .write("parent_id", 0)
            .writeEnd();
      }
      json.writeEnd();
    }
  }

  /**
   * The playlist's channels as {@code get_live_streams} lists them; only those of {@code
   * categoryId} when it is not null. Nothing is held but the current row.
   */
  public void streams(
      PlaylistConfig config, List<Account> accounts, String categoryId, OutputStream out)
      throws IOException {
    int[] position = {0};
    Map<String, String> ids = new HashMap<>(); // group -> category id: bounded by the groups
    try (JsonGenerator json = JSON.createGenerator(out, StandardCharsets.UTF_8)) {
      json.writeStartArray();
      json.flush(); // the first byte goes out before the database is read
      configs.entries(
          config.settings(),
          accounts,
          null,
          e -> {
            position[0]++;
            String category =
                ids.computeIfAbsent(e.group() == null ? "" : e.group(), XtreamLineup::categoryId);
            if (categoryId == null || categoryId.equals(category)) {
              stream(json, e, position[0], category);
            }
          });
      json.writeEnd();
    }
  }

  private static void stream(JsonGenerator json, PlaylistEntry e, int position, String category) {
    json.writeStartObject()
        .write("num", e.number() == null ? position : e.number())
        .write("name", e.title())
        .write("stream_type", "live")
        .write("stream_id", e.channelId())
        .write("stream_icon", e.icon() == null ? "" : e.icon());
    if (e.epgChannelId() == null || e.epgChannelId().isEmpty()) {
      json.writeNull("epg_channel_id");
    } else {
      json.write("epg_channel_id", e.epgChannelId());
    }
    json.write("added", e.added() == null ? "0" : String.valueOf(e.added()))
        .write("is_adult", 0)
        .write("category_id", category)
        .writeStartArray("category_ids")
        .write(Long.parseLong(category))
        .writeEnd()
        .write("custom_sid", "")
        .write("tv_archive", e.archiveDays() > 0 ? 1 : 0)
        .write("direct_source", "")
        .write("tv_archive_duration", e.archiveDays())
        .writeEnd();
  }

  /** A group's category id: the same for the same name, a decimal number as panels send. */
  public static String categoryId(String group) {
    if (group == null || group.isEmpty()) {
      return NO_GROUP_ID;
    }
    byte[] hash = Sha256.digest().digest(group.getBytes(StandardCharsets.UTF_8));
    int id =
        ((hash[0] & 0x7f) << 24)
            | ((hash[1] & 0xff) << 16)
            | ((hash[2] & 0xff) << 8)
            | (hash[3] & 0xff);
    return String.valueOf(id == 0 ? 1 : id);
  }

  private static String groupName(String group) {
    return group == null || group.isEmpty() ? NO_GROUP_NAME : group;
  }
}
