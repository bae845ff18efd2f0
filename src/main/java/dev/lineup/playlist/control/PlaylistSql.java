package dev.lineup.playlist.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The JDBC the playlists share. */
final class PlaylistSql {
  private PlaylistSql() {}

  /** The first column of a query as a set of strings (the tvg-ids of a playlist). */
  static Set<String> distinctEpgIds(DataSource dataSource, String sql, List<Object> params) {
    Set<String> ids = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setFetchSize(1000);
      for (int i = 0; i < params.size(); i++) {
        query.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the playlist's channel ids", e);
    }
  }
}
