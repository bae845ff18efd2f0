package dev.lineup.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only access to the database the tested server uses, to check what the API does not show (ids
 * kept on reactivation, rows not written). The embedded test database unless DB_HOST is set.
 */
public final class Db {
  private Db() {}

  private static Connection connect() throws SQLException {
    String host = System.getenv("DB_HOST");
    String legacy = System.getenv("DATABASE_URL");
    if ((host == null || host.isBlank()) && legacy != null && !legacy.isBlank()) {
      // mariadb://user:pass@host:port/db, as the server reads it (server.env)
      URI url = URI.create(legacy.replaceFirst("^jdbc:", ""));
      String[] auth =
          url.getUserInfo() == null
              ? new String[] {"lineup", "lineup"}
              : url.getUserInfo().split(":", 2);
      return DriverManager.getConnection(
          "jdbc:mariadb://"
              + url.getHost()
              + ":"
              + (url.getPort() > 0 ? url.getPort() : 3306)
              + url.getPath(),
          auth[0],
          auth.length > 1 ? auth[1] : "");
    }
    if (host == null || host.isBlank()) {
      return DriverManager.getConnection(
          System.getProperty("lineup.it.jdbcUrl", "jdbc:mariadb://127.0.0.1:33307/lineup"),
          "lineup",
          "lineup");
    }
    String url =
        "jdbc:mariadb://" + host + ":" + env("DB_PORT", "3306") + "/" + env("DB_NAME", "lineup");
    return DriverManager.getConnection(url, env("DB_USER", "lineup"), env("DB_PASSWORD", "lineup"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The first column of every row of a query. */
  public static List<Object> column(String sql, Object... params) {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setObject(i + 1, params[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long number(String sql, Object... params) {
    return ((Number) column(sql, params).get(0)).longValue();
  }
}
