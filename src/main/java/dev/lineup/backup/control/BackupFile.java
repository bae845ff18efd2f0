package dev.lineup.backup.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A backup document's shape, checked before anything is touched: its format and version, and each
 * section a list of objects with a name, no name twice. Every refusal is a 422 naming the place.
 */
final class BackupFile {
  private BackupFile() {}

  /** The format's name without the version, to tell "another version" from "not a backup". */
  private static final String FAMILY = "lineup-backup/";

  static void requireFormat(JsonObject doc) {
    JsonValue format = doc.get("format");
    if (!(format instanceof JsonString text)) {
      throw BackupProblems.invalid(
          "format", "is missing: this is not a Lineup backup (" + SetupExport.FORMAT + ")");
    }
    String value = text.getString();
    if (value.equals(SetupExport.FORMAT)) {
      return;
    }
    throw BackupProblems.invalid(
        "format",
        value.startsWith(FAMILY)
            ? value
                + " is a version this Lineup does not read (it reads "
                + SetupExport.FORMAT
                + ")"
            : "\"" + value + "\" is not a Lineup backup (" + SetupExport.FORMAT + ")");
  }

  /** The section's objects, each with a distinct name in {@code nameField}; absent: none. */
  static List<JsonObject> section(JsonObject doc, String key, String nameField) {
    JsonValue value = doc.get(key);
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw BackupProblems.invalid(key, "must be a list");
    }
    List<JsonObject> objects = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject object)) {
        throw BackupProblems.invalid(key + "[" + i + "]", "must be an object");
      }
      String name = name(object, nameField, key + "[" + i + "]");
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw BackupProblems.invalid(key + "[" + name + "]", "is in the file twice");
      }
      objects.add(object);
    }
    return objects;
  }

  /** A list inside an object (an account's filters); absent: none. */
  static List<JsonObject> list(JsonObject object, String key, String place) {
    JsonValue value = object.get(key);
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(v -> v instanceof JsonObject)) {
      throw BackupProblems.invalid(
          place.isEmpty() ? key : place + "." + key, "must be a list of objects");
    }
    return array.getValuesAs(JsonObject.class);
  }

  static String name(JsonObject object, String field, String place) {
    if (!(object.get(field) instanceof JsonString name) || name.getString().isBlank()) {
      throw BackupProblems.invalid(place + "." + field, "is required");
    }
    return name.getString().strip();
  }

  /** A list of names (a playlist's accounts); absent: none. */
  static List<String> names(JsonObject object, String key, String place) {
    JsonValue value = object.get(key);
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(v -> v instanceof JsonString)) {
      throw BackupProblems.invalid(place + "." + key, "must be a list of names");
    }
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }
}
