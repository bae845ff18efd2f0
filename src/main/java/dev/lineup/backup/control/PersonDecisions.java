package dev.lineup.backup.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person decided about channels, as a backup writes it: guide mappings (a guide channel, or
 * "no guide"), merged channels (sources in failover order; one source alone is a split) and pinned
 * numbers. Channels go by account name and provider id ({@code stream_id}, exact), guides by the
 * source's or account's name: ids do not survive a move. Decisions still waiting in {@code
 * restore_pending} for their channels' sync are part of the setup, so they are written too.
 */
final class PersonDecisions {
  static final String GUIDES = "guide_mappings";
  static final String MERGES = "merged_channels";
  static final String NUMBERS = "pinned_numbers";

  /** The pending table's kind for each section. */
  static final Map<String, String> KINDS =
      Map.of(GUIDES, "guide", MERGES, "merge", NUMBERS, "number");

  private PersonDecisions() {}

  /** The three sections, each sorted, pending decisions included. */
  static Map<String, List<JsonObject>> export(EntityManager em) {
    Map<String, List<JsonObject>> sections = new LinkedHashMap<>();
    sections.put(GUIDES, guides(em));
    sections.put(MERGES, merges(em));
    sections.put(NUMBERS, numbers(em));
    for (Object[] row : rows(em, "SELECT kind, item FROM restore_pending ORDER BY id")) {
      KINDS.forEach(
          (section, kind) -> {
            if (kind.equals(row[0])) {
              sections.get(section).add(parse((String) row[1]));
            }
          });
    }
    sections.replaceAll(
        (k, list) ->
            list.stream().distinct().sorted(Comparator.comparing(JsonObject::toString)).toList());
    return sections;
  }

  private static List<JsonObject> guides(EntityManager em) {
    List<JsonObject> list = new ArrayList<>();
    for (Object[] row :
        rows(
            em,
            "SELECT a.name, c.stream_id, CASE WHEN cg.guide LIKE 'source:%' THEN CONCAT('source:',"
                + " s.name) WHEN cg.guide LIKE 'account:%' THEN CONCAT('account:', ga.name) END,"
                + " cg.guide_channel_id FROM channel_guides cg JOIN channels c ON c.id ="
                + " cg.channel_id JOIN accounts a ON a.id = c.account_id LEFT JOIN guide_sources s"
                + " ON cg.guide = CONCAT('source:', s.id) LEFT JOIN accounts ga ON cg.guide ="
                + " CONCAT('account:', ga.id) WHERE cg.by_person")) {
      JsonObjectBuilder item = channel((String) row[0], (String) row[1]);
      add(item, "guide", (String) row[2]);
      add(item, "guide_channel_id", (String) row[3]);
      list.add(item.build());
    }
    return list;
  }

  private static List<JsonObject> merges(EntityManager em) {
    Map<String, JsonArrayBuilder> groups = new LinkedHashMap<>();
    for (Object[] row :
        rows(
            em,
            "SELECT cm.merge_key, a.name, c.stream_id FROM channel_merges cm JOIN channels c ON"
                + " c.id = cm.channel_id JOIN accounts a ON a.id = c.account_id ORDER BY"
                + " cm.merge_key, cm.position, c.id")) {
      groups
          .computeIfAbsent((String) row[0], k -> Json.createArrayBuilder())
          .add(channel((String) row[1], (String) row[2]));
    }
    List<JsonObject> list = new ArrayList<>();
    groups.values().forEach(g -> list.add(Json.createObjectBuilder().add("sources", g).build()));
    return list;
  }

  private static List<JsonObject> numbers(EntityManager em) {
    List<JsonObject> list = new ArrayList<>();
    for (Object[] row :
        rows(
            em,
            "SELECT p.name, a.name, c.stream_id, pn.number FROM playlist_numbers pn JOIN"
                + " playlist_configs p ON p.id = pn.playlist_id JOIN channels c ON c.id ="
                + " pn.channel_id JOIN accounts a ON a.id = c.account_id WHERE pn.by_person")) {
      list.add(
          Json.createObjectBuilder()
              .add("playlist", (String) row[0])
              .add("account", (String) row[1])
              .add("stream_id", (String) row[2])
              .add("number", ((Number) row[3]).intValue())
              .build());
    }
    return list;
  }

  /**
   * A decision's shape, checked before anything is applied (a bad one refuses the file: 422), and
   * rebuilt from its known fields only: that is what is applied and what may wait.
   */
  static JsonObject checked(String kind, JsonObject item, String place) {
    if (kind.equals("merge")) {
      List<JsonObject> sources = BackupFile.list(item, "sources", place);
      if (sources.isEmpty() || sources.size() > 50) {
        throw BackupProblems.invalid(place + ".sources", "must list 1 to 50 channels");
      }
      JsonArrayBuilder list = Json.createArrayBuilder();
      for (int i = 0; i < sources.size(); i++) {
        list.add(channel(sources.get(i), place + ".sources[" + i + "]"));
      }
      return Json.createObjectBuilder().add("sources", list).build();
    }
    JsonObjectBuilder rebuilt = Json.createObjectBuilder(channel(item, place));
    if (kind.equals("number")) {
      String playlist = BackupFile.name(item, "playlist", place);
      if (!(item.get("number") instanceof JsonNumber n)
          || !n.isIntegral()
          || n.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) < 0
          || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(9_999_999)) > 0) {
        throw BackupProblems.invalid(place + ".number", "must be a whole number from 1 to 9999999");
      }
      return rebuilt.add("playlist", playlist).add("number", n.intValue()).build();
    }
    JsonValue id = item.get("guide_channel_id");
    if (id instanceof JsonString text
        && !text.getString().isEmpty()
        && text.getString().length() <= 255) {
      rebuilt.add("guide_channel_id", text);
    } else if (id == null || id == JsonValue.NULL) {
      rebuilt.addNull("guide_channel_id");
    } else {
      throw BackupProblems.invalid(
          place + ".guide_channel_id",
          "must be a guide channel's id (1 to 255 characters) or null");
    }
    JsonValue guide = item.get("guide");
    if (guide instanceof JsonString text && text.getString().length() <= 200) {
      rebuilt.add("guide", text);
    } else if (guide == null || guide == JsonValue.NULL) {
      rebuilt.addNull("guide");
    } else {
      throw BackupProblems.invalid(place + ".guide", "must be source:NAME, account:NAME or null");
    }
    return rebuilt.build();
  }

  private static JsonObject channel(JsonObject channel, String place) {
    String account = BackupFile.name(channel, "account", place);
    if (!(channel.get("stream_id") instanceof JsonString id)
        || id.getString().isEmpty()
        || id.getString().length() > 191) {
      throw BackupProblems.invalid(
          place + ".stream_id", "must be the provider's id (1 to 191 characters)");
    }
    return channel(account, id.getString()).build();
  }

  static JsonObjectBuilder channel(String account, String streamId) {
    return Json.createObjectBuilder().add("account", account).add("stream_id", streamId);
  }

  private static void add(JsonObjectBuilder item, String field, String value) {
    if (value == null) {
      item.add(field, JsonValue.NULL);
    } else {
      item.add(field, value);
    }
  }

  static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Object[]> rows(EntityManager em, String sql, Object... params) {
    jakarta.persistence.Query query = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    return query.getResultList();
  }
}
