package dev.lineup.backup.control;

import dev.lineup.account.boundary.AccountRequest;
import dev.lineup.filter.boundary.FilterRequest;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.boundary.PlaylistConfigRequest;
import dev.lineup.tag.boundary.TagRuleRequest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads the legacy tool's SQLite database ({@code iptv_proxy.db}, its data model in docs/backup.md)
 * into a backup document that {@link SetupRestore} stores like any other: accounts (passwords kept
 * aside as secrets), rulesets with their tag rules, assignments, filters and playlist configs
 * ({@code tag_match_mode} becomes {@code tag_match}). Channels and channel tags are not read: a
 * sync and tagging rebuild them. An object that Lineup's own request readers refuse is skipped with
 * their reason; a name taken by an earlier object of the file is renamed. Columns are found by name
 * (with the aliases the tool's versions used), so a column it lacks takes the tool's default. The
 * file is opened read-only.
 */
public final class LegacyDatabase {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** The document to restore, the accounts' secrets, and what the reading decided already. */
  public record Read(JsonObject document, JsonObject secrets, RestoreReport.Builder report) {}

  private final RestoreReport.Builder report = new RestoreReport.Builder();
  private final JsonObjectBuilder accountSecrets = Json.createObjectBuilder();
  private final Map<Long, String> accountNames = new HashMap<>();
  private final Map<Long, String> rulesetNames = new HashMap<>();
  private final Validator validator;

  private LegacyDatabase(Validator validator) {
    this.validator = validator;
  }

  /**
   * @throws ProblemException 422 when the file is not a SQLite database or not the legacy tool's
   */
  public static Read read(Path file, Validator validator) {
    requireSqlite(file);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try (Connection db = source.getConnection()) {
      return new LegacyDatabase(validator).readAll(db);
    } catch (SQLException e) {
      throw BackupProblems.invalid(
          "file",
          "cannot be read as the legacy tool's database: " + LegacyRows.firstLine(e.getMessage()));
    }
  }

  private static void requireSqlite(Path file) {
    byte[] head = new byte[MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, MAGIC)) {
        throw BackupProblems.invalid(
            "file", "is not a SQLite database (the legacy tool's iptv_proxy.db is one)");
      }
    } catch (IOException e) {
      throw BackupProblems.invalid("file", "cannot be read");
    }
  }

  private Read readAll(Connection db) throws SQLException {
    Set<String> tables = LegacyRows.tables(db);
    if (!tables.contains("accounts") && !tables.contains("rulesets")) {
      throw BackupProblems.invalid(
          "file",
          "is a SQLite database, but not the legacy tool's: it has no accounts or rulesets");
    }
    JsonArrayBuilder rulesets = rulesets(db, tables);
    Map<Long, List<JsonObject>> filters = filters(db, tables);
    Map<Long, List<JsonObject>> assignments = assignments(db, tables);
    JsonArrayBuilder accounts = accounts(db, tables, filters, assignments);
    JsonArrayBuilder playlists = playlists(db, tables);
    long channels = tables.contains("channels") ? LegacyRows.count(db, "channels") : 0;
    report.note(
        "Channels and their tags are not imported ("
            + channels
            + " channels in the file): sync each account, and tagging rebuilds its tags.");
    JsonObject document =
        Json.createObjectBuilder()
            .add("format", SetupExport.FORMAT)
            .add("rulesets", rulesets)
            .add("accounts", accounts)
            .add("playlists", playlists)
            .build();
    return new Read(
        document, Json.createObjectBuilder().add("accounts", accountSecrets).build(), report);
  }

  private JsonArrayBuilder rulesets(Connection db, Set<String> tables) throws SQLException {
    JsonArrayBuilder list = Json.createArrayBuilder();
    if (!tables.contains("rulesets")) {
      return list;
    }
    Map<Long, JsonArrayBuilder> rules = new HashMap<>();
    UniqueNames names = new UniqueNames(report, "ruleset");
    List<Map<String, Object>> rows = LegacyRows.rows(db, "rulesets");
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String name = LegacyRows.text(row, "name");
      if (name == null || name.isBlank() || name.strip().length() > 100) {
        report.add(
            "ruleset",
            LegacyRows.label(name, row),
            "skipped",
            List.of("it needs a name of 1 to 100 characters"));
        continue;
      }
      String stored = names.unique(name.strip());
      rulesetNames.put(LegacyRows.id(row), stored);
      rules.put(LegacyRows.id(row), Json.createArrayBuilder());
      kept.add(row);
    }
    if (tables.contains("tag_rules")) {
      for (Map<String, Object> row : LegacyRows.rows(db, "tag_rules")) {
        Long ruleset = LegacyRows.number(row, "ruleset_id");
        String name = LegacyRows.text(row, "name");
        String label =
            (ruleset == null ? "?" : rulesetNames.getOrDefault(ruleset, "#" + ruleset))
                + " / "
                + LegacyRows.label(name, row);
        if (ruleset == null || !rules.containsKey(ruleset)) {
          report.add("tag_rule", label, "skipped", List.of("its ruleset is not in the file"));
          continue;
        }
        JsonObjectBuilder rule =
            Json.createObjectBuilder()
                .add(
                    "name",
                    name == null || name.isBlank() ? "Rule " + LegacyRows.id(row) : name.strip());
        LegacyRows.put(rule, "pattern", LegacyRows.raw(row, "pattern"));
        LegacyRows.put(
            rule, "pattern_type", LegacyRows.lower(LegacyRows.text(row, "pattern_type")));
        LegacyRows.put(rule, "tag_name", LegacyRows.text(row, "tag_name"));
        LegacyRows.put(rule, "source", LegacyRows.lower(LegacyRows.text(row, "source")));
        rule.add("remove_from_name", LegacyRows.bool(row, true, "remove_from_name"));
        LegacyRows.put(rule, "replacement", LegacyRows.raw(row, "replacement"));
        rule.add(
            "priority",
            LegacyRows.number(row, "priority") == null ? 100 : LegacyRows.number(row, "priority"));
        rule.add("enabled", LegacyRows.bool(row, true, "enabled"));
        JsonObject json = rule.build();
        String refused = BackupProblems.refusal(() -> TagRuleRequest.read(JsonBody.of(json)));
        if (refused != null) {
          report.add("tag_rule", label, "skipped", List.of(refused));
          continue;
        }
        rules.get(ruleset).add(json);
      }
    }
    for (Map<String, Object> row : kept) {
      JsonObjectBuilder ruleset =
          Json.createObjectBuilder()
              .add("name", rulesetNames.get(LegacyRows.id(row)))
              .add("is_default", LegacyRows.bool(row, false, "is_default"))
              .add("enabled", LegacyRows.bool(row, true, "enabled"))
              .add(
                  "priority",
                  LegacyRows.number(row, "priority") == null
                      ? 100
                      : LegacyRows.number(row, "priority"));
      String description = LegacyRows.text(row, "description");
      if (description != null && !description.isBlank()) {
        ruleset.add(
            "description",
            description.length() > 1000 ? description.substring(0, 1000) : description);
      }
      list.add(ruleset.add("rules", rules.get(LegacyRows.id(row))));
    }
    return list;
  }

  private Map<Long, List<JsonObject>> filters(Connection db, Set<String> tables)
      throws SQLException {
    Map<Long, List<JsonObject>> byAccount = new HashMap<>();
    if (!tables.contains("filters")) {
      return byAccount;
    }
    for (Map<String, Object> row : LegacyRows.rows(db, "filters")) {
      JsonObjectBuilder filter = Json.createObjectBuilder();
      String name = LegacyRows.text(row, "name");
      LegacyRows.put(
          filter,
          "name",
          name == null || name.isBlank() ? "Filter " + LegacyRows.id(row) : name.strip());
      LegacyRows.put(
          filter, "filter_type", LegacyRows.lower(LegacyRows.text(row, "filter_type", "type")));
      LegacyRows.put(
          filter,
          "filter_action",
          LegacyRows.lower(LegacyRows.text(row, "filter_action", "action")));
      LegacyRows.put(filter, "filter_value", LegacyRows.raw(row, "filter_value", "value"));
      filter.add("enabled", LegacyRows.bool(row, true, "enabled"));
      JsonObject json = filter.build();
      Long account = LegacyRows.number(row, "account_id");
      String refused =
          BackupProblems.refusal(
              () -> {
                FilterRequest.readInto(JsonBody.of(json), new Filter(0));
                return json;
              });
      if (refused != null || account == null) {
        report.add(
            "filter",
            LegacyRows.label(name, row),
            "skipped",
            List.of(refused != null ? refused : "it belongs to no account"));
        continue;
      }
      byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(json);
    }
    return byAccount;
  }

  private Map<Long, List<JsonObject>> assignments(Connection db, Set<String> tables)
      throws SQLException {
    Map<Long, List<JsonObject>> byAccount = new HashMap<>();
    if (!tables.contains("account_rulesets")) {
      return byAccount;
    }
    for (Map<String, Object> row : LegacyRows.rows(db, "account_rulesets")) {
      Long account = LegacyRows.number(row, "account_id");
      String ruleset = rulesetNames.get(LegacyRows.number(row, "ruleset_id"));
      if (account == null || ruleset == null) {
        continue; // its ruleset was skipped (reported) or is gone
      }
      byAccount
          .computeIfAbsent(account, k -> new ArrayList<>())
          .add(
              Json.createObjectBuilder()
                  .add("ruleset", ruleset)
                  .add(
                      "priority",
                      LegacyRows.number(row, "priority") == null
                          ? 100
                          : LegacyRows.number(row, "priority"))
                  .build());
    }
    return byAccount;
  }

  private JsonArrayBuilder accounts(
      Connection db,
      Set<String> tables,
      Map<Long, List<JsonObject>> filters,
      Map<Long, List<JsonObject>> assignments)
      throws SQLException {
    JsonArrayBuilder list = Json.createArrayBuilder();
    if (!tables.contains("accounts")) {
      return list;
    }
    UniqueNames names = new UniqueNames(report, "account");
    Set<Long> seen = new java.util.HashSet<>();
    for (Map<String, Object> row : LegacyRows.rows(db, "accounts")) {
      String name = LegacyRows.text(row, "name");
      JsonObjectBuilder account = Json.createObjectBuilder();
      LegacyRows.put(account, "name", name == null ? null : name.strip());
      LegacyRows.put(account, "provider_type", "xtream");
      LegacyRows.put(
          account, "server", LegacyRows.text(row, "server", "server_url", "url", "host"));
      LegacyRows.put(account, "username", LegacyRows.text(row, "username"));
      account.add("enabled", LegacyRows.bool(row, true, "enabled", "is_active"));
      String password = LegacyRows.raw(row, "password");
      JsonObject json = account.build();
      JsonObjectBuilder checked = Json.createObjectBuilder(json);
      LegacyRows.put(checked, "password", password);
      JsonObject withPassword = checked.build();
      String refused =
          name == null || name.isBlank()
              ? "it has no name"
              : BackupProblems.refusal(
                  () -> AccountRequest.checked(JsonBody.of(withPassword), true, validator));
      seen.add(LegacyRows.id(row));
      if (refused != null) {
        String label = LegacyRows.label(name, row);
        report.add("account", label, "skipped", List.of(refused));
        for (JsonObject filter : filters.getOrDefault(LegacyRows.id(row), List.of())) {
          report.add(
              "filter",
              label + " / " + filter.getString("name"),
              "skipped",
              List.of("its account was skipped"));
        }
        continue;
      }
      String stored = names.unique(name.strip());
      accountNames.put(LegacyRows.id(row), stored);
      if (password != null && !password.isEmpty()) {
        accountSecrets.add(stored, Json.createObjectBuilder().add("password", password));
      }
      JsonArrayBuilder accountFilters = Json.createArrayBuilder();
      filters.getOrDefault(LegacyRows.id(row), List.of()).forEach(accountFilters::add);
      JsonArrayBuilder assigned = Json.createArrayBuilder();
      assignments.getOrDefault(LegacyRows.id(row), List.of()).forEach(assigned::add);
      list.add(
          Json.createObjectBuilder(json)
              .add("name", stored)
              .add("filters", accountFilters)
              .add("rulesets", assigned));
    }
    filters.forEach(
        (account, orphans) -> {
          if (!seen.contains(account)) {
            orphans.forEach(
                f ->
                    report.add(
                        "filter",
                        "#" + account + " / " + f.getString("name"),
                        "skipped",
                        List.of("its account " + account + " is not in the file")));
          }
        });
    return list;
  }

  private JsonArrayBuilder playlists(Connection db, Set<String> tables) throws SQLException {
    JsonArrayBuilder list = Json.createArrayBuilder();
    if (!tables.contains("playlist_configs")) {
      return list;
    }
    UniqueNames names = new UniqueNames(report, "playlist");
    for (Map<String, Object> row : LegacyRows.rows(db, "playlist_configs")) {
      String name = LegacyRows.text(row, "name");
      List<String> notes = new ArrayList<>();
      JsonObjectBuilder playlist = Json.createObjectBuilder();
      LegacyRows.put(playlist, "name", name == null ? null : name.strip());
      String description = LegacyRows.text(row, "description");
      if (description != null && !description.isBlank()) {
        playlist.add("description", description);
      }
      playlist.add("include_tags", LegacyRows.tags(LegacyRows.raw(row, "include_tags"), notes));
      playlist.add("exclude_tags", LegacyRows.tags(LegacyRows.raw(row, "exclude_tags"), notes));
      String match = LegacyRows.lower(LegacyRows.text(row, "tag_match_mode", "tag_match"));
      playlist.add("tag_match", "all".equals(match) ? "all" : "any");
      playlist.add("enabled", LegacyRows.bool(row, true, "enabled"));
      JsonObject checked = playlist.build();
      String refused =
          name == null || name.isBlank()
              ? "it has no name"
              : BackupProblems.refusal(
                  () -> PlaylistConfigRequest.read(JsonBody.of(checked), null));
      if (refused != null) {
        report.add("playlist", LegacyRows.label(name, row), "skipped", List.of(refused));
        continue;
      }
      String stored = names.unique(name.strip());
      list.add(
          Json.createObjectBuilder(checked)
              .add("name", stored)
              .add("include_accounts", accounts(LegacyRows.raw(row, "include_accounts"), notes))
              .add("exclude_accounts", accounts(LegacyRows.raw(row, "exclude_accounts"), notes)));
      notes.forEach(n -> report.note("Playlist \"" + stored + "\": " + n));
    }
    return list;
  }

  /** A list of account ids (JSON or comma-separated) as the names they were imported under. */
  private JsonArrayBuilder accounts(String text, List<String> notes) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    for (String item : LegacyRows.items(text)) {
      String name = null;
      try {
        name = accountNames.get(Long.parseLong(item.strip()));
      } catch (NumberFormatException e) {
        // not an id: left out below
      }
      if (name == null) {
        notes.add("account " + item.strip() + " is not among the imported accounts; left out.");
      } else {
        names.add(name);
      }
    }
    return names;
  }
}
