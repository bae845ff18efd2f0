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
 * Access to the database the tested server uses, to check what the API does not show (ids kept on
 * reactivation, rows not written); {@link #update} only for a state no request can make (a server
 * before its first-run setup). The embedded test database unless DB_HOST is set.
 */
public final class Db {
  private Db() {}

  /** A connection of its own to the tested server's database (the caller closes it). */
  public static Connection connect() throws SQLException {
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

  /** The median time in ms of running a query (reading every row) on one connection. */
  public static double medianMillis(String sql, List<Object> params, int runs) {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        query.setObject(i + 1, params.get(i));
      }
      long[] times = new long[runs];
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
        times[run] = System.nanoTime() - start;
      }
      java.util.Arrays.sort(times);
      return times[runs / 2] / 1e6;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a query, each as its columns' values. */
  public static List<List<Object>> rows(String sql, List<Object> params) {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        query.setObject(i + 1, params.get(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        List<Object> header = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          header.add(rs.getMetaData().getColumnLabel(i));
        }
        rows.add(header);
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A checksum of a table's rows: every column but {@code ignored} (columns that change by
   * themselves, such as a token's last use), whatever the row order. Two equal checksums mean the
   * same rows with the same values, not just as many.
   */
  public static String checksum(String table, String... ignored) {
    List<String> skip = java.util.Arrays.stream(ignored).map(String::toLowerCase).toList();
    List<List<Object>> rows = rows("SELECT * FROM " + table, List.of());
    List<Object> header = rows.get(0);
    List<String> lines = new ArrayList<>();
    for (List<Object> row : rows.subList(1, rows.size())) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < header.size(); i++) {
        if (!skip.contains(String.valueOf(header.get(i)).toLowerCase())) {
          Object value = row.get(i);
          line.append(header.get(i))
              .append('=')
              .append(
                  value == null
                      ? "\\N"
                      : value instanceof byte[] bytes
                          ? "bytes:" + java.util.HexFormat.of().formatHex(bytes)
                          : value.getClass().getSimpleName() + ":" + value)
              .append('\u0001');
        }
      }
      lines.add(line.toString());
    }
    java.util.Collections.sort(lines);
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String line : lines) {
        sha.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return lines.size() + " rows, sha256 " + java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long number(String sql, Object... params) {
    return ((Number) column(sql, params).get(0)).longValue();
  }

  /** Runs one statement that changes rows; the number changed. */
  public static int update(String sql, Object... params) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
