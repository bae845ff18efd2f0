package dev.lineup.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Cleaned names computed outside the database, written in bulk: the (key, cleaned name) rows of a
 * {@link TsvFile} go into a temporary table, then one {@code UPDATE … JOIN} sets them: tag
 * processing rewrites the stored channels' names by channel id this way.
 *
 * @param table the temporary table
 * @param key its key column, named as in the table being updated
 * @param keyType the key column's SQL type
 */
public record CleanedNameStage(String table, String key, String keyType) {
  private static final Logger LOG = Logger.getLogger(CleanedNameStage.class.getName());

  /** Names by channel id. */
  public static final CleanedNameStage BY_CHANNEL_ID =
      new CleanedNameStage("tag_stage_names", "id", "BIGINT");

  /** (Re)creates the temporary table and loads the rows; returns how many were loaded. */
  public int load(Connection connection, TsvFile names) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TEMPORARY TABLE IF EXISTS " + table);
      ddl.execute(
          "CREATE TEMPORARY TABLE "
              + table
              + " ("
              + key
              + " "
              + keyType
              + " NOT NULL PRIMARY KEY, cleaned_name VARCHAR(512) NULL) ENGINE=InnoDB"
              + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    }
    return names.loadInto(connection, table, key + ", cleaned_name");
  }

  /**
   * Sets {@code cleaned_name} of the rows of {@code target} (a table with its alias {@code t}) that
   * have a staged name, where {@code condition} (on {@code t}) holds; returns how many changed.
   */
  public int update(Connection connection, String target, String condition, Object... params)
      throws SQLException {
    return Sql.update(
        LOG,
        connection,
        "UPDATE "
            + target
            + " t JOIN "
            + table
            + " n ON n."
            + key
            + " = t."
            + key
            + " SET t.cleaned_name = n.cleaned_name"
            + (condition == null ? "" : " WHERE " + condition),
        params);
  }

  /** Drops the temporary table. */
  public void drop(Connection connection) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TEMPORARY TABLE IF EXISTS " + table);
    }
  }
}
