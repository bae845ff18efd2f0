package dev.lineup.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Server-wide settings changed at run time ({@code settings} table), each with a safe default:
 * {@code legacy_player_urls} (false): whether the guessable id-based player URLs ({@code
 * /playlist/{id}.m3u}, {@code /playlist/config/{id}.m3u}, {@code /epg/...}) answer at all.
 */
@ApplicationScoped
public class Settings {
  public static final String LEGACY_PLAYER_URLS = "legacy_player_urls";

  /** Every setting with its default. */
  private static final Map<String, Boolean> DEFAULTS = Map.of(LEGACY_PLAYER_URLS, false);

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** Whether the id-based player URLs are on (off unless the user turned them on). */
  public boolean legacyPlayerUrls() {
    return flag(LEGACY_PLAYER_URLS);
  }

  /** All settings with their current values. */
  public Map<String, Object> all() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String name : DEFAULTS.keySet()) {
      all.put(name, flag(name));
    }
    return all;
  }

  public static boolean known(String name) {
    return DEFAULTS.containsKey(name);
  }

  public boolean flag(String name) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Boolean.parseBoolean(rs.getString(1)) : DEFAULTS.get(name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read setting " + name, e);
    }
  }

  public void set(String name, boolean value) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = VALUES(updated_at)")) {
      update.setString(1, name);
      update.setString(2, Boolean.toString(value));
      update.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not change setting " + name, e);
    }
  }
}
