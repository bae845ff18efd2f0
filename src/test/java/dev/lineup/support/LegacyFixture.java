package dev.lineup.support;

import dev.lineup.tag.control.DefaultRuleset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A legacy tool's database ({@code iptv_proxy.db}) as its documented data model has it
 * (../shared/docs/legacy-behaviour.md, "Data model"): SQLAlchemy-style tables with integer ids, 0/1
 * booleans, JSON lists in playlist configs and a comma list in tag filters. Its content is a real
 * user's kind of setup:
 *
 * <ul>
 *   <li>accounts: {@code {prefix} Provider} (the fake provider, host:port as the tool stored it),
 *       {@code {prefix} Backup}, a second {@code {prefix} provider} (a name clash, case aside:
 *       renamed), and one without a server (skipped);
 *   <li>rulesets: the tool's Default, rule for rule, and {@code {prefix} Custom} with a rule of
 *       each pattern type and special tag, plus one with a broken regex (skipped);
 *   <li>assignments with priorities; filters of every type and action; two playlist configs using
 *       {@code tag_match_mode}; channels and channel tags (not imported).
 * </ul>
 */
public final class LegacyFixture {
  private LegacyFixture() {}

  /** The custom ruleset's rules: name, pattern type, pattern, tag, source, remove, replacement. */
  static final String[][] CUSTOM_RULES = {
    {"VIP prefix", "prefix", "VIP ", "VIP", "both", "1", null},
    {"Backup suffix", "suffix", " BACKUP", "BACKUP", "channel_name", "1", null},
    {"Kids", "contains", "KIDS", "KIDS", "both", "0", null},
    {"PPV event", "regex", "^PPV\\s*(\\d+)", "__CAPTURE__", "channel_name", "1", null},
    {"Dot cleanup", "contains", " • ", "__CLEANUP__", "channel_name", "1", " "},
    {"Broken", "regex", "([unclosed", "BROKEN", "both", "1", null}
  };

  public static Path write(Path folder, String prefix, String server) {
    Path file = folder.resolve("iptv_proxy.db");
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement ddl = db.createStatement()) {
        for (String statement : SCHEMA.split(";")) {
          if (!statement.isBlank()) {
            ddl.execute(statement);
          }
        }
      }
      insert(
          db,
          "INSERT INTO accounts (id, name, server, username, password, enabled) VALUES (?, ?, ?, ?, ?, ?)",
          1,
          prefix + " Provider",
          server,
          "user",
          "pass",
          1);
      insert(
          db,
          "INSERT INTO accounts (id, name, server, username, password, enabled) VALUES (?, ?, ?, ?, ?, ?)",
          2,
          prefix + " Backup",
          "backup.example:8080",
          "second",
          "s3cond!",
          0);
      insert(
          db,
          "INSERT INTO accounts (id, name, server, username, password, enabled) VALUES (?, ?, ?, ?, ?, ?)",
          3,
          (prefix + " Provider").toLowerCase(Locale.ROOT),
          "other.example",
          "third",
          "third",
          1);
      insert(
          db,
          "INSERT INTO accounts (id, name, server, username, password, enabled) VALUES (?, ?, ?, ?, ?, ?)",
          4,
          prefix + " Broken",
          "",
          "u",
          "p",
          1);

      insert(
          db,
          "INSERT INTO rulesets (id, name, description, is_default, enabled, priority) VALUES (?, ?, ?, ?, ?, ?)",
          1,
          DefaultRuleset.NAME,
          DefaultRuleset.DESCRIPTION,
          1,
          1,
          100);
      insert(
          db,
          "INSERT INTO rulesets (id, name, description, is_default, enabled, priority) VALUES (?, ?, ?, ?, ?, ?)",
          2,
          prefix + " Custom",
          "made by hand",
          0,
          1,
          50);
      int id = 1;
      for (DefaultRuleset.RuleSpec r : DefaultRuleset.rules()) {
        insert(
            db,
            "INSERT INTO tag_rules (id, ruleset_id, name, pattern, pattern_type, tag_name, source,"
                + " remove_from_name, priority, enabled, replacement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            id++,
            1,
            r.name(),
            r.pattern(),
            r.type().code(),
            r.tagName(),
            r.source().code(),
            r.removeFromName() ? 1 : 0,
            r.priority(),
            1,
            null);
      }
      int priority = 40;
      for (String[] r : CUSTOM_RULES) {
        insert(
            db,
            "INSERT INTO tag_rules (id, ruleset_id, name, pattern, pattern_type, tag_name, source,"
                + " remove_from_name, priority, enabled, replacement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            id++,
            2,
            r[0],
            r[2],
            r[1],
            r[3],
            r[4],
            Integer.parseInt(r[5]),
            priority++,
            1,
            r[6]);
      }
      insert(
          db,
          "INSERT INTO account_rulesets (account_id, ruleset_id, priority) VALUES (?, ?, ?)",
          1,
          1,
          10);
      insert(
          db,
          "INSERT INTO account_rulesets (account_id, ruleset_id, priority) VALUES (?, ?, ?)",
          1,
          2,
          20);
      insert(
          db,
          "INSERT INTO account_rulesets (account_id, ruleset_id, priority) VALUES (?, ?, ?)",
          2,
          2,
          5);

      String filter =
          "INSERT INTO filters (id, account_id, name, filter_type, filter_action, filter_value, enabled)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)";
      insert(db, filter, 1, 1, "US only", "category", "whitelist", "US|", 1);
      insert(db, filter, 2, 1, "No shopping", "channel_name", "blacklist", "SHOP", 1);
      insert(db, filter, 3, 1, "No 24/7", "regex", "blacklist", "24/7|\\b247\\b", 1);
      insert(db, filter, 4, 1, "Quality", "tag", "whitelist", "HD,RAW,60FPS", 0);
      insert(db, filter, 5, 2, "No adult", "tag", "blacklist", "XXX,ADULT", 1);

      String playlist =
          "INSERT INTO playlist_configs (id, name, description, include_accounts, exclude_accounts,"
              + " include_tags, exclude_tags, tag_match_mode, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      insert(
          db,
          playlist,
          1,
          prefix + " US news in HD",
          "for the kitchen",
          "[1]",
          "[]",
          "[\"US\", \"HD\"]",
          "[\"RAW\"]",
          "all",
          1);
      insert(db, playlist, 2, prefix + " Everything", null, "[]", "[2, 99]", "[]", "[]", "any", 1);

      insert(
          db,
          "INSERT INTO categories (id, account_id, category_id, name, last_seen, is_active) VALUES (?, ?, ?, ?, ?, ?)",
          1,
          1,
          "3",
          "US| NEWS",
          "2026-01-01 00:00:00",
          1);
      insert(
          db,
          "INSERT INTO channels (id, account_id, stream_id, name, cleaned_name, category, stream_type,"
              + " is_active, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          1,
          1,
          "502",
          "US: CBS 11 DALLAS TX (KTVT) HD",
          "CBS 11 DALLAS TX KTVT",
          "3",
          "live",
          1,
          "2026-01-01 00:00:00");
      insert(db, "INSERT INTO tags (id, name) VALUES (?, ?)", 1, "KTVT");
      insert(
          db,
          "INSERT INTO channel_tags (id, account_id, stream_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          1,
          1,
          "502",
          1,
          "2026-01-01 00:00:00",
          "2026-01-01 00:00:00");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  private static void insert(Connection db, String sql, Object... values) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.executeUpdate();
    }
  }

  /** The tool's tables (SQLAlchemy on SQLite), with the columns its data model lists. */
  static final String SCHEMA =
      """
      CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, server VARCHAR(255) NOT NULL,
        username VARCHAR(100) NOT NULL, password VARCHAR(255) NOT NULL, enabled BOOLEAN DEFAULT 1,
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE categories (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
        category_id VARCHAR(50) NOT NULL, name VARCHAR(255), last_seen DATETIME, is_active BOOLEAN DEFAULT 1,
        UNIQUE (account_id, category_id));
      CREATE TABLE channels (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
        stream_id VARCHAR(50) NOT NULL, name VARCHAR(500), cleaned_name VARCHAR(500), category VARCHAR(50),
        stream_type VARCHAR(20), stream_icon VARCHAR(1000), epg_channel_id VARCHAR(255), added VARCHAR(50),
        custom_sid VARCHAR(100), tv_archive INTEGER, direct_source VARCHAR(1000), tv_archive_duration INTEGER,
        last_seen DATETIME, is_active BOOLEAN DEFAULT 1, UNIQUE (account_id, stream_id));
      CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE,
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE channel_tags (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, stream_id VARCHAR(50) NOT NULL,
        tag_id INTEGER NOT NULL REFERENCES tags(id), created_at DATETIME, updated_at DATETIME,
        UNIQUE (account_id, stream_id, tag_id));
      CREATE TABLE rulesets (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE, description TEXT,
        is_default BOOLEAN DEFAULT 0, enabled BOOLEAN DEFAULT 1, priority INTEGER DEFAULT 100,
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE account_rulesets (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
        ruleset_id INTEGER NOT NULL REFERENCES rulesets(id), priority INTEGER DEFAULT 100,
        UNIQUE (account_id, ruleset_id));
      CREATE TABLE tag_rules (id INTEGER PRIMARY KEY, ruleset_id INTEGER NOT NULL REFERENCES rulesets(id),
        name VARCHAR(100) NOT NULL, pattern VARCHAR(500) NOT NULL, pattern_type VARCHAR(20) NOT NULL,
        tag_name VARCHAR(100) NOT NULL, source VARCHAR(20) DEFAULT 'both', remove_from_name BOOLEAN DEFAULT 1,
        priority INTEGER DEFAULT 100, enabled BOOLEAN DEFAULT 1, replacement VARCHAR(255),
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE filters (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
        name VARCHAR(100) NOT NULL, filter_type VARCHAR(20) NOT NULL, filter_action VARCHAR(20) NOT NULL,
        filter_value TEXT NOT NULL, enabled BOOLEAN DEFAULT 1, created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE playlist_configs (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, description TEXT,
        include_accounts TEXT, exclude_accounts TEXT, include_tags TEXT, exclude_tags TEXT,
        tag_match_mode VARCHAR(10) DEFAULT 'any', enabled BOOLEAN DEFAULT 1,
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP)
      """;
}
