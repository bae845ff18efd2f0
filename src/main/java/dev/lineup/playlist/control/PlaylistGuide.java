package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelSelection;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What a playlist's guide is made of: the channels mapped to a guide channel ({@code
 * channel_guides}) from the guide they were mapped in, and the provider's tvg-ids of the channels
 * without a mapping from the playlist's accounts' own guides.
 */
@ApplicationScoped
public class PlaylistGuide {
  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject ConfigPlaylist configs;
  @Inject GuideRefresh guides;

  /** The guides to read, in order, and which of their channels the playlist wants. */
  public record Plan(List<String> keys, XmltvStore.Wanted wanted) {}

  /**
   * The store keys of the guide sources' guides, of all the guides' keys ({@link
   * GuideRefresh#keys}).
   */
  static List<String> sources(Map<String, String> keys) {
    return keys.entrySet().stream()
        .filter(e -> e.getKey().startsWith(GuideSource.GUIDE_PREFIX))
        .map(Map.Entry::getValue)
        .toList();
  }

  public Plan plan(PlaylistSettings settings, List<Account> accounts) {
    Map<String, Set<String>> mapped = new HashMap<>();
    Set<String> unmapped = new HashSet<>();
    read(settings, accounts, mapped, unmapped);
    List<String> keys = new ArrayList<>(accounts.stream().map(GuideRefresh::key).toList());
    Set<String> own = Set.copyOf(keys);
    Map<String, String> guideOf = new HashMap<>();
    guides
        .keys()
        .forEach(
            (guide, key) -> {
              guideOf.put(key, guide);
              if (mapped.containsKey(guide) && !keys.contains(key)) {
                keys.add(key);
              }
            });
    return new Plan(
        keys,
        (key, id) ->
            (own.contains(key) && unmapped.contains(id))
                || mapped.getOrDefault(guideOf.get(key), Set.of()).contains(id));
  }

  private void read(
      PlaylistSettings settings,
      List<Account> accounts,
      Map<String, Set<String>> mapped,
      Set<String> unmapped) {
    Optional<ChannelSelection> selection = configs.selection(settings, accounts, null);
    if (selection.isEmpty()) {
      return;
    }
    ChannelSelection.Sql sql = selection.get().sql();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            ConfigPlaylist.streamed(
                connection,
                sql.select()
                    + "DISTINCT c.guide_mapped, c.guide,"
                    + " IF(c.guide_mapped, c.guide_channel_id, c.epg_channel_id) "
                    + sql.from()
                    + sql.where(),
                sql.params())) {
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(3);
          if (id == null || id.isEmpty()) {
            continue;
          }
          if (rs.getBoolean(1)) {
            mapped.computeIfAbsent(rs.getString(2), g -> new HashSet<>()).add(id);
          } else {
            unmapped.add(id);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the playlist's guide channels", e);
    }
  }
}
