package dev.lineup.tag.control;

import dev.lineup.platform.ActiveChannels;
import dev.lineup.platform.TsvFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The read phase of {@link TagProcessing}: streams an account's active channels (with their
 * categories' names) through the extractor and writes what to store into temporary files, never
 * holding the lineup: the (channel, tag) pairs, and the cleaned names that changed. Tags new to
 * Lineup are created as they appear.
 */
final class TagReading {
  private TagReading() {}

  /** How many channels were read, and how many of them got each tag. */
  record Read(int processed, Map<String, Integer> tagCounts) {}

  static Read read(
      DataSource dataSource,
      Connection writer,
      long accountId,
      TagExtractor extractor,
      TsvFile pairs,
      TsvFile names)
      throws SQLException {
    Map<String, Integer> tagCounts = new TreeMap<>();
    Map<String, Long> tagIds = tagIds(writer);
    long processed;
    try (Connection reader = dataSource.getConnection()) {
      processed =
          ActiveChannels.forEach(
              reader,
              accountId,
              "c.id, c.name, c.cleaned_name, cat.name",
              rs -> {
                long channelId = rs.getLong(1);
                TagExtractor.Extraction e = extractor.extract(rs.getString(2), rs.getString(4));
                if (!Objects.equals(e.cleanedName(), rs.getString(3))) {
                  names.field(channelId).field(e.cleanedName()).endRow();
                }
                for (String tag : e.tags()) {
                  pairs.field(channelId).field(tagId(writer, tagIds, tag)).endRow();
                  tagCounts.merge(tag, 1, Integer::sum);
                }
              });
    }
    return new Read((int) processed, tagCounts);
  }

  private static Map<String, Long> tagIds(Connection connection) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    try (Statement query = connection.createStatement();
        ResultSet rs = query.executeQuery("SELECT id, name FROM tags")) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getLong(1));
      }
    }
    return ids;
  }

  private static long tagId(Connection connection, Map<String, Long> ids, String name)
      throws SQLException {
    Long id = ids.get(name);
    if (id != null) {
      return id;
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT IGNORE INTO tags (name, created_at) VALUES (?, ?)")) {
      insert.setString(1, name);
      insert.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM tags WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        ids.put(name, rs.getLong(1));
        return rs.getLong(1);
      }
    }
  }
}
