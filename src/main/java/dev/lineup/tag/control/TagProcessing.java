package dev.lineup.tag.control;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.AccountLock;
import dev.lineup.platform.CleanedNameStage;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.Sql;
import dev.lineup.platform.TsvFile;
import dev.lineup.provider.control.LiveLineup;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tags an account's channels with its rules and stores cleaned names: from the database when the
 * account has synced channels, otherwise (read only) from the provider's live list. Streams the
 * channels, never holding the lineup: results go to temporary files loaded into staging tables,
 * then one transaction adds the new channel tags, removes the ones the rules no longer give, and
 * rewrites the cleaned names that changed — a reader never sees a half-tagged lineup.
 */
@ApplicationScoped
public class TagProcessing {
  private static final Logger LOG = Logger.getLogger(TagProcessing.class.getName());
  private static final CleanedNameStage NAMES = CleanedNameStage.BY_CHANNEL_ID;
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Inject AccountRules accountRules;
  @Inject LiveLineup live;
  @Inject Event<TagsChanged> tagsChanged;

  /**
   * Announces {@link TagsChanged} when it rewrote stored tags, unless a sync called it.
   *
   * @param lockHeld true when the caller (a sync) already holds the account's lock
   */
  public Map<String, Object> process(long accountId, boolean lockHeld) {
    Account account = Account.require(em, accountId);
    TagExtractor extractor = accountRules.extractor(accountId);
    try {
      if (!hasChannels(accountId)) {
        return fromProvider(account, extractor);
      }
      Map<String, Object> result = fromDatabase(accountId, extractor, lockHeld);
      if (!lockHeld) {
        tagsChanged.fire(new TagsChanged(accountId, (Integer) result.get("channels_updated")));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("Tag processing of account " + accountId + " failed", e);
    }
  }

  private boolean hasChannels(long accountId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM channels WHERE account_id = ? LIMIT 1")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Map<String, Object> fromDatabase(long accountId, TagExtractor extractor, boolean lockHeld)
      throws SQLException {
    long start = System.nanoTime();
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
    try (Connection writer = dataSource.getConnection();
        TsvFile pairs = new TsvFile("tags-" + accountId);
        TsvFile names = new TsvFile("names-" + accountId)) {
      writer.setAutoCommit(true);
      if (!lockHeld && !AccountLock.tryAcquire(writer, accountId)) {
        throw ProblemException.conflict(
            "A sync or tag processing of account "
                + accountId
                + " is running; try again when it ends.");
      }
      try {
        TagReading.Read read =
            TagReading.read(dataSource, writer, accountId, extractor, pairs, names);
        int processed = read.processed();
        Map<String, Integer> tagCounts = read.tagCounts();
        long readMs = (System.nanoTime() - start) / 1_000_000;
        // With the lock held nobody else writes this account's tags, so this count stays true.
        int existing = countTags(writer, accountId);
        if (existing == 0) {
          // Nothing to compare with or remove (first tagging, or after rules that gave none):
          // the pairs go straight into channel_tags, in the same transaction as the names.
          return firstTagging(
              writer, accountId, now, pairs, names, processed, tagCounts, start, readMs);
        }
        try (Statement ddl = writer.createStatement()) {
          ddl.execute("DROP TEMPORARY TABLE IF EXISTS tag_stage_pairs");
          ddl.execute(
              "CREATE TEMPORARY TABLE tag_stage_pairs (channel_id BIGINT NOT NULL, tag_id BIGINT NOT NULL,"
                  + " PRIMARY KEY (channel_id, tag_id)) ENGINE=InnoDB");
        }
        int staged = pairs.loadInto(writer, "tag_stage_pairs", "channel_id, tag_id");
        NAMES.load(writer, names);
        long loadMs = (System.nanoTime() - start) / 1_000_000 - readMs;
        LOG.fine(() -> "Read and extracted in " + readMs + " ms, staged in " + loadMs + " ms");
        int[] written = new int[3]; // created, removed, channels updated
        try {
          inPairTransaction(
              writer,
              accountId,
              () -> {
                written[0] =
                    update(
                        writer,
                        // NOT EXISTS measured faster than INSERT IGNORE when most pairs exist (the
                        // common case: processing after a sync that changed little).
                        "INSERT INTO channel_tags (channel_id, tag_id, account_id, created_at,"
                            + " updated_at) SELECT s.channel_id, s.tag_id, ?, ?, ? FROM"
                            + " tag_stage_pairs s WHERE NOT EXISTS (SELECT 1 FROM channel_tags ct"
                            + "  WHERE ct.channel_id = s.channel_id AND ct.tag_id = s.tag_id)",
                        accountId,
                        now,
                        now);
                // Everything older than this run that the rules did not give again goes; when
                // every existing pair was given again (existing = staged - created) there is
                // nothing to find.
                int kept = staged - written[0];
                written[1] =
                    existing == kept
                        ? 0
                        : update(
                            writer,
                            "DELETE ct FROM channel_tags ct LEFT JOIN tag_stage_pairs s"
                                + " ON s.channel_id = ct.channel_id AND s.tag_id = ct.tag_id"
                                + " WHERE ct.account_id = ? AND ct.updated_at < ?"
                                + " AND s.channel_id IS NULL",
                            accountId,
                            now);
                written[2] = updateNames(writer, accountId);
              });
        } finally {
          try (Statement ddl = writer.createStatement()) {
            ddl.execute("DROP TEMPORARY TABLE IF EXISTS tag_stage_pairs");
          }
          NAMES.drop(writer);
        }
        int created = written[0];
        int removed = written[1];
        int channelsUpdated = written[2];
        return finished(
            accountId,
            start,
            processed,
            tagCounts,
            created,
            staged - created,
            removed,
            channelsUpdated);
      } finally {
        if (!lockHeld) {
          AccountLock.release(writer, accountId);
        }
      }
    }
  }

  /** Writes the pairs of an account without any into channel_tags directly, then the names. */
  private Map<String, Object> firstTagging(
      Connection writer,
      long accountId,
      Timestamp now,
      TsvFile pairs,
      TsvFile names,
      int processed,
      Map<String, Integer> tagCounts,
      long start,
      long readMs)
      throws SQLException {
    NAMES.load(writer, names);
    String time = "'" + now.toLocalDateTime().format(SQL_TIME) + "'";
    int[] written = new int[2]; // created, channels updated
    try {
      inPairTransaction(
          writer,
          accountId,
          () -> {
            long loadStart = System.nanoTime();
            written[0] =
                pairs.loadInto(
                    writer,
                    "channel_tags",
                    "channel_id, tag_id",
                    "account_id = "
                        + accountId
                        + ", created_at = "
                        + time
                        + ", updated_at = "
                        + time);
            LOG.fine(
                () ->
                    "Read and extracted in "
                        + readMs
                        + " ms, "
                        + pairs.rows()
                        + " pairs loaded in "
                        + (System.nanoTime() - loadStart) / 1_000_000
                        + " ms");
            written[1] = updateNames(writer, accountId);
          });
    } finally {
      NAMES.drop(writer);
    }
    int created = written[0];
    int channelsUpdated = written[1];
    return finished(accountId, start, processed, tagCounts, created, 0, 0, channelsUpdated);
  }

  @FunctionalInterface
  private interface SqlWork {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} as the one transaction of a tag run's writes ({@link #beginPairWrites}): all
   * of it commits, or none of it.
   */
  private static void inPairTransaction(Connection writer, long accountId, SqlWork work)
      throws SQLException {
    writer.setAutoCommit(false);
    try {
      beginPairWrites(writer, accountId);
      work.run();
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      endPairWrites(writer);
    }
  }

  /**
   * Starts the write transaction. Every pair names a channel read from this account and a tag from
   * {@code tags} (never deleted), so checking both foreign keys on each of hundreds of thousands of
   * rows only costs time and parent-row locks. The one way a channel can go meanwhile is the
   * account being deleted: a share lock on its row makes that delete wait for this commit, and its
   * cascade then removes these pairs too.
   */
  private static void beginPairWrites(Connection writer, long accountId) throws SQLException {
    try (PreparedStatement lock =
        writer.prepareStatement("SELECT id FROM accounts WHERE id = ? LOCK IN SHARE MODE")) {
      lock.setLong(1, accountId);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound("Account", accountId);
        }
      }
    }
    try (Statement set = writer.createStatement()) {
      set.execute("SET SESSION foreign_key_checks = 0");
    }
  }

  private static void endPairWrites(Connection writer) throws SQLException {
    try (Statement set = writer.createStatement()) {
      set.execute("SET SESSION foreign_key_checks = 1");
    }
    writer.setAutoCommit(true);
  }

  private static int updateNames(Connection writer, long accountId) throws SQLException {
    return NAMES.update(writer, "channels", "t.account_id = ?", accountId);
  }

  private static int countTags(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT COUNT(*) FROM channel_tags WHERE account_id = ?")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Map<String, Object> finished(
      long accountId,
      long start,
      int processed,
      Map<String, Integer> tagCounts,
      int created,
      int kept,
      int removed,
      int channelsUpdated) {
    Map<String, Object> result =
        result(processed, tagCounts, created, kept, removed, channelsUpdated, true);
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        () ->
            "Tags of account "
                + accountId
                + " processed in "
                + ms
                + " ms: "
                + processed
                + " channels, "
                + tagCounts.size()
                + " tags, +"
                + created
                + " -"
                + removed
                + ", "
                + channelsUpdated
                + " cleaned names changed");
    return result;
  }

  /** An unsynced account: tags of the provider's live list, counted but not stored. */
  private Map<String, Object> fromProvider(Account account, TagExtractor extractor) {
    Map<String, Integer> tagCounts = new TreeMap<>();
    int[] processed = {0};
    live.forEach(
        account,
        (channel, category) -> {
          processed[0]++;
          for (String t : extractor.extract(channel.name(), category).tags()) {
            tagCounts.merge(t, 1, Integer::sum);
          }
        });
    return result(processed[0], tagCounts, 0, 0, 0, 0, false);
  }

  private static Map<String, Object> result(
      int processed,
      Map<String, Integer> tagCounts,
      int created,
      int kept,
      int removed,
      int channelsUpdated,
      boolean usingDatabase) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("success", true);
    result.put("processed", processed);
    result.put("unique_tags", tagCounts.size());
    result.put("tag_counts", tagCounts);
    result.put("tags_created", created);
    result.put("tags_updated", kept);
    result.put("tags_removed", removed);
    result.put("channels_updated", channelsUpdated);
    result.put("using_database", usingDatabase);
    return result;
  }

  private static int update(Connection connection, String sql, Object... params)
      throws SQLException {
    return Sql.update(LOG, connection, sql, params);
  }
}
