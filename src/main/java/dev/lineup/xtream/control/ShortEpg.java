package dev.lineup.xtream.control;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideProgrammes;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.ProgrammeIndex.Programme;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.entity.PlaylistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A channel's programmes as Xtream panels give them: {@code get_short_epg} (what is on now and
 * next, {@code limit} of them, 4 by default) and {@code get_simple_data_table} (the whole guide of
 * the channel, with what is playing now and what is in the provider's archive marked). Titles and
 * descriptions are base64, as real panels send them; times are UTC. They come from the stored
 * guides ({@link GuideProgrammes}): the channel's own account's guide first, then the playlist's
 * other accounts'. (The playlist's XMLTV guide, one {@code <channel>} per id, takes the first
 * account's guide that has the id: the two differ only when accounts share a guide id.)
 */
@ApplicationScoped
public class ShortEpg {
  private static final Logger LOG = Logger.getLogger(ShortEpg.class.getName());
  static final int DEFAULT_SHORT = 4;
  static final int MAX_SHORT = 100;
  static final int MAX_TABLE = 5_000;
  private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  @Inject ConfigPlaylist configs;
  @Inject GuideProgrammes programmes;
  @Inject GuideRefresh guides;

  /**
   * How many programmes to give: the player's {@code limit} within bounds (an absurd one is held to
   * the most), else 4 for the short guide and all of them for the table.
   */
  public static int limit(String value, String action) {
    int most = action.equals("get_simple_data_table") ? MAX_TABLE : MAX_SHORT;
    if (value == null || !value.strip().matches("\\d{1,9}")) {
      return action.equals("get_simple_data_table") ? MAX_TABLE : DEFAULT_SHORT;
    }
    int limit = Integer.parseInt(value.strip());
    return limit < 1 ? DEFAULT_SHORT : Math.min(limit, most);
  }

  /** An answer without programmes. */
  public void none(OutputStream out) {
    try (JsonGenerator json = JSON.createGenerator(out, StandardCharsets.UTF_8)) {
      json.writeStartObject().writeStartArray("epg_listings").writeEnd().writeEnd();
    }
  }

  /**
   * The programmes of the playlist's channel {@code channelId} (Lineup's id): from now on ({@code
   * table} false), or all ({@code table} true); none when the playlist does not hold it or no guide
   * knows it.
   */
  public void write(
      PlaylistConfig config,
      List<Account> accounts,
      long channelId,
      int limit,
      boolean table,
      OutputStream out)
      throws IOException {
    Optional<PlaylistEntry> found = configs.channel(config.settings(), accounts, channelId);
    if (found.isEmpty() || found.get().epgChannelId() == null) {
      none(out);
      return;
    }
    PlaylistEntry channel = found.get();
    List<Programme> guide = List.of();
    // A mapped channel's guide is the one it is mapped to; else its own account's guide first
    List<String> keys = new ArrayList<>();
    if (channel.guide() != null) {
      guides.key(channel.guide()).ifPresent(keys::add);
    } else {
      ownFirst(accounts, channel.accountId()).forEach(a -> keys.add(GuideRefresh.key(a)));
    }
    for (String key : keys) {
      try {
        guide = programmes.of(key, channel.epgChannelId());
      } catch (IOException e) { // a guide that cannot be read: as if it had nothing
        LOG.log(Level.WARNING, "Short guide " + key + " not read", e);
        guide = List.of();
      }
      if (!guide.isEmpty()) {
        break;
      }
    }
    long now = Instant.now().getEpochSecond();
    long archiveFrom = now - channel.archiveDays() * 86_400L;
    try (JsonGenerator json = JSON.createGenerator(out, StandardCharsets.UTF_8)) {
      json.writeStartObject().writeStartArray("epg_listings");
      int written = 0;
      for (int i = 0; i < guide.size() && written < limit; i++) {
        Programme p = guide.get(i);
        long stop = stop(guide, i);
        if (!table && stop <= now) {
          continue;
        }
        json.writeStartObject()
            .write("id", String.valueOf(p.start()))
            .write("epg_id", "1")
            .write("title", base64(p.title()))
            .write("lang", p.lang())
            .write("start", TIME.format(Instant.ofEpochSecond(p.start())))
            .write("end", TIME.format(Instant.ofEpochSecond(stop)))
            .write("description", base64(p.description()))
            .write("channel_id", channel.epgChannelId())
            .write("start_timestamp", String.valueOf(p.start()))
            .write("stop_timestamp", String.valueOf(stop))
            .write("stream_id", String.valueOf(channel.channelId()))
            .write("now_playing", p.start() <= now && now < stop ? 1 : 0)
            .write(
                "has_archive",
                channel.archiveDays() > 0 && stop <= now && p.start() >= archiveFrom ? 1 : 0)
            .writeEnd();
        written++;
      }
      json.writeEnd().writeEnd();
    }
  }

  /** A programme's end: its stop, else the next one's start, else an hour after it starts. */
  private static long stop(List<Programme> guide, int i) {
    long stop = guide.get(i).stop();
    if (stop > guide.get(i).start()) {
      return stop;
    }
    return i + 1 < guide.size() && guide.get(i + 1).start() > guide.get(i).start()
        ? guide.get(i + 1).start()
        : guide.get(i).start() + 3600;
  }

  private static List<Account> ownFirst(List<Account> accounts, long own) {
    List<Account> ordered = new ArrayList<>(accounts.size());
    accounts.stream().filter(a -> a.id() == own).forEach(ordered::add);
    accounts.stream().filter(a -> a.id() != own).forEach(ordered::add);
    return ordered;
  }

  private static String base64(String text) {
    return BASE64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
