package dev.lineup.channel.control;

import dev.lineup.channel.control.ChannelPreview.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a preview page shows of the channels it found: their rows, tags and merged sources. */
public final class PreviewRows {
  private PreviewRows() {}

  /**
   * The page's channels in page order, with category, account, tags and, when {@code merged} (one
   * row per merged channel), how many sources their merged channel has in the selection.
   */
  static List<Channel> details(
      Connection connection, List<Long> ids, ChannelSelection selection, boolean merged)
      throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    Map<Long, List<String>> tags = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(tagsSql(in));
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    tags.values().forEach(Collections::sort);
    Map<Long, Channel> byId = new LinkedHashMap<>();
    Map<Long, String> keys = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(detailsSql(in));
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        if (rs.getString(10) != null) {
          keys.put(id, rs.getString(10));
        }
        String icon = rs.getString(6);
        byId.put(
            id,
            new Channel(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                icon == null || icon.isBlank() ? null : icon,
                tags.getOrDefault(id, List.of()),
                rs.getBoolean(7),
                rs.getLong(8),
                rs.getString(9),
                merged ? 1 : null,
                ChannelTitle.of(
                    rs.getString(4),
                    rs.getString(3),
                    (Integer) rs.getObject(11, Integer.class),
                    rs.getString(12),
                    rs.getString(2))));
      }
    }
    Map<String, Integer> sources =
        merged ? sources(connection, keys.values(), selection) : Map.of();
    List<Channel> ordered = new ArrayList<>(ids.size());
    for (long id : ids) {
      Channel channel = byId.get(id);
      if (channel != null) {
        String key = keys.get(id); // null: alone
        Integer count = key == null ? null : sources.get(key);
        ordered.add(count == null ? channel : channel.withSources(count));
      }
    }
    return ordered;
  }

  /** How many of the selection's channels each merge key has (those with more than one). */
  private static Map<String, Integer> sources(
      Connection connection, Collection<String> keys, ChannelSelection selection)
      throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    if (keys.isEmpty()) {
      return counts;
    }
    ChannelSelection.Sql sql = selection.sourceCounts(new java.util.LinkedHashSet<>(keys));
    try (PreparedStatement query =
            ChannelPreview.prepare(
                connection, sql.select() + sql.from() + sql.where(), sql.params());
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getInt(2));
      }
    }
    return counts;
  }

  /**
   * The tags of a page's channels. STRAIGHT_JOIN: from the page's keys into {@code channel_tags},
   * then each tag's name; left alone, the optimizer may start from the 30 tags and walk every pair.
   */
  public static String tagsSql(String idList) {
    return "SELECT STRAIGHT_JOIN ct.channel_id, t.name FROM channel_tags ct"
        + " JOIN tags t ON t.id = ct.tag_id WHERE ct.channel_id IN ("
        + idList
        + ")";
  }

  /** The page's rows with account and category names, read by primary key. */
  public static String detailsSql(String idList) {
    return "SELECT STRAIGHT_JOIN c.id, c.stream_id, c.name, c.cleaned_name, cat.name,"
        + " c.stream_icon, c.is_active, c.account_id, a.name, c.merge_key, c.num,"
        + " c.epg_channel_id FROM channels c"
        + " JOIN accounts a ON a.id = c.account_id"
        + " LEFT JOIN categories cat"
        + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
        + " WHERE c.id IN ("
        + idList
        + ")";
  }
}
