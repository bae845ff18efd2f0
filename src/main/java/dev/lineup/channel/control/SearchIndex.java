package dev.lineup.channel.control;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.platform.Sql;
import dev.lineup.platform.TsvFile;
import dev.lineup.sync.control.LineupSynced;
import dev.lineup.tag.control.TagsChanged;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps {@code channel_search} (the full-text documents of channel names) in step with {@code
 * channels}. A refresh reads the account's channels next to their documents and rewrites only the
 * documents whose text changed, so an unchanged lineup costs one read. Refreshes run in the
 * background after a sync or a tag processing that changed names, one at a time per account; a
 * request during a refresh runs it once more afterwards. Until then a search sees the previous
 * names (the preview says so with {@code search_pending}).
 */
@ApplicationScoped
public class SearchIndex {
  private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  /** Accounts with a refresh running (true: requested again meanwhile). */
  private final ConcurrentHashMap<Long, Boolean> running = new ConcurrentHashMap<>();

  /**
   * At start, brings every account's documents up to date: cheap when they are (one read), and it
   * finishes a refresh a stopped server left undone.
   */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try (Connection connection = dataSource.getConnection();
        Statement query = connection.createStatement();
        ResultSet rs =
            query.executeQuery(
                "SELECT a.id FROM accounts a"
                    + " WHERE EXISTS (SELECT 1 FROM channels c WHERE c.account_id = a.id)")) {
      while (rs.next()) {
        refreshLater(rs.getLong(1));
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Search index not checked at start", e);
    }
  }

  /** New and renamed channels become searchable after a sync. */
  void afterSync(@Observes @Priority(LineupSynced.FOLLOWING) LineupSynced synced) {
    refreshLater(synced.accountId());
  }

  /** Tag processing changed cleaned names. */
  void afterTagging(@Observes @Priority(TagsChanged.FOLLOWING) TagsChanged tagged) {
    if (tagged.channelsUpdated() != 0) {
      refreshLater(tagged.accountId());
    }
  }

  /**
   * A deleted account's documents went with it (cascade); the index is compacted once committed.
   */
  void afterDeletion(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    compactLater();
  }

  /** Schedules a refresh of the account's documents. */
  public void refreshLater(long accountId) {
    boolean[] start = {false};
    running.compute(
        accountId,
        (id, again) -> {
          if (again == null) {
            start[0] = true;
            return false;
          }
          return true; // the running refresh goes again when it ends
        });
    if (start[0]) {
      executor.execute(() -> refreshUntilCurrent(accountId));
    }
  }

  private final java.util.concurrent.atomic.AtomicBoolean compacting =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Rebuilds the full-text index in the background (OPTIMIZE TABLE, online). InnoDB keeps deleted
   * documents in it until then, and searches slow down with them: measured 3.5× after deleting two
   * thirds of the documents. Called after an account is deleted.
   */
  public void compactLater() {
    if (!compacting.compareAndSet(false, true)) {
      return;
    }
    executor.execute(
        () -> {
          long start = System.nanoTime();
          try (Connection connection = dataSource.getConnection();
              Statement optimize = connection.createStatement()) {
            optimize.execute("OPTIMIZE TABLE channel_search");
            LOG.info(
                () ->
                    "Search index compacted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
          } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Search index not compacted", e);
          } finally {
            compacting.set(false);
          }
        });
  }

  /** Whether a refresh of the account is running or waiting. */
  public boolean pending(long accountId) {
    return running.containsKey(accountId);
  }

  /** Accounts whose refresh is running or waiting. */
  public Set<Long> pendingAccounts() {
    return Set.copyOf(running.keySet());
  }

  private void refreshUntilCurrent(long accountId) {
    try {
      do {
        running.put(accountId, false);
        try {
          refresh(accountId);
        } catch (SQLException | RuntimeException e) {
          LOG.log(Level.WARNING, "Search index of account " + accountId + " not refreshed", e);
        }
      } while (!running.remove(accountId, false));
    } catch (RuntimeException e) {
      running.remove(accountId);
      throw e;
    }
  }

  /** Rewrites the account's changed documents now; returns how many were written. */
  public int refresh(long accountId) throws SQLException {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        TsvFile changed = new TsvFile("search-" + accountId)) {
      connection.setAutoCommit(true);
      int existing = 0;
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT c.id, c.name, c.cleaned_name, s.search_text FROM channels c"
                  + " LEFT JOIN channel_search s ON s.channel_id = c.id WHERE c.account_id = ?")) {
        query.setFetchSize(1000);
        query.setLong(1, accountId);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            String stored = rs.getString(4);
            if (stored != null) {
              existing++;
            }
            String document = SearchText.document(rs.getString(2), rs.getString(3));
            if (!Objects.equals(document, stored)) {
              changed.field(rs.getLong(1)).field(document).endRow();
            }
          }
        }
      }
      int rows = changed.rows();
      if (rows == 0) {
        return 0;
      }
      if (existing == 0) {
        // A new account: its documents go straight in.
        changed.loadInto(
            connection, "channel_search", "channel_id, search_text", "account_id = " + accountId);
      } else {
        try (Statement ddl = connection.createStatement()) {
          ddl.execute("DROP TEMPORARY TABLE IF EXISTS search_stage");
          ddl.execute(
              "CREATE TEMPORARY TABLE search_stage (channel_id BIGINT NOT NULL PRIMARY KEY,"
                  + " search_text VARCHAR(1100) NOT NULL) ENGINE=InnoDB"
                  + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        }
        try {
          changed.loadInto(connection, "search_stage", "channel_id, search_text");
          Sql.update(
              LOG,
              connection,
              "INSERT INTO channel_search (channel_id, account_id, search_text)"
                  + " SELECT s.channel_id, ?, s.search_text FROM search_stage s"
                  + " ON DUPLICATE KEY UPDATE search_text = VALUES(search_text)",
              accountId);
        } finally {
          try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TEMPORARY TABLE IF EXISTS search_stage");
          }
        }
      }
      LOG.fine(
          () ->
              "Search index of account "
                  + accountId
                  + ": "
                  + rows
                  + " documents written in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms");
      return rows;
    }
  }
}
