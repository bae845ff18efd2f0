package dev.lineup.backup.control;

import dev.lineup.tag.entity.TagName;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading the legacy database's small tables whatever its version wrote: rows as maps by column
 * name, values as text, numbers and booleans (0/1, "true"), lists as JSON arrays or comma lists.
 */
final class LegacyRows {
  private LegacyRows() {}

  /** The items of a stored list: a JSON array, or comma-separated text; blanks dropped. */
  static List<String> items(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("[")) {
      try (var reader = Json.createReader(new StringReader(trimmed))) {
        JsonArray array = reader.readArray();
        List<String> items = new ArrayList<>();
        for (JsonValue value : array) {
          if (value instanceof JsonString s) {
            items.add(s.getString());
          } else if (value instanceof JsonNumber n) {
            items.add(n.toString());
          }
        }
        return items.stream().filter(s -> !s.isBlank()).toList();
      } catch (JsonException e) {
        // not JSON after all: read it as a comma list
      }
    }
    return Arrays.stream(trimmed.replaceAll("^\\[|\\]$", "").split(","))
        .map(s -> s.strip().replaceAll("^[\"']|[\"']$", ""))
        .filter(s -> !s.isBlank())
        .toList();
  }

  static Set<String> tables(Connection db) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }

  static long count(Connection db, String table) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Every row of a small table, by id when it has one; column names lower-cased. */
  static List<Map<String, Object>> rows(Connection db, String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    rows.sort(java.util.Comparator.comparing(r -> id(r) == null ? Long.MAX_VALUE : id(r)));
    return rows;
  }

  static Long id(Map<String, Object> row) {
    return number(row, "id");
  }

  static String label(String name, Map<String, Object> row) {
    return name == null || name.isBlank() ? "#" + id(row) : name.strip();
  }

  static String raw(Map<String, Object> row, String... columns) {
    for (String column : columns) {
      Object value = row.get(column);
      if (value != null) {
        return value.toString();
      }
    }
    return null;
  }

  static String text(Map<String, Object> row, String... columns) {
    String value = raw(row, columns);
    return value == null ? null : value.strip();
  }

  static Long number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? null : Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean bool(Map<String, Object> row, boolean fallback, String... columns) {
    for (String column : columns) {
      Object value = row.get(column);
      if (value instanceof Number n) {
        return n.intValue() != 0;
      }
      if (value != null) {
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        return text.equals("1") || text.equals("true") || text.equals("t") || text.equals("yes");
      }
    }
    return fallback;
  }

  static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  static void put(JsonObjectBuilder json, String field, String value) {
    if (value != null) {
      json.add(field, value);
    }
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** A list of tags (JSON or comma-separated), each one that normalises to a tag name. */
  static JsonArrayBuilder tags(String text, List<String> notes) {
    JsonArrayBuilder tags = Json.createArrayBuilder();
    for (String item : items(text)) {
      if (TagName.normalise(item) == null) {
        notes.add("\"" + item.strip() + "\" is not a tag name; left out.");
      } else {
        tags.add(item.strip());
      }
    }
    return tags;
  }
}
