package dev.lineup.filter.control;

import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.ActiveChannels;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.TsvFile;
import dev.lineup.sync.control.LineupSynced;
import dev.lineup.tag.control.TagsChanged;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Stores whether each active channel of an account passes its filters ({@code passes_filters}):
 * streams the channels (with their tags when a tag filter needs them), evaluates {@link FilterSet},
 * and rewrites only the flags that change. Runs after filters change, and after a sync and tag
 * processing (their events). Holds no transaction of the caller's: its connections are its own.
 */
@ApplicationScoped
public class FilterEvaluation {
  private static final Logger LOG = Logger.getLogger(FilterEvaluation.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Inject Event<ChannelsChanged> channelsChanged;

  /** After a sync (under its lock, after tagging): the new and changed channels and their tags. */
  void afterSync(@Observes @Priority(LineupSynced.FILTERING) LineupSynced synced) {
    try {
      recompute(synced.accountId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Filter evaluation after sync run " + synced.runId() + " failed", e);
    }
  }

  /** After tag processing: tag filters follow the new tags. */
  void afterTagging(@Observes @Priority(TagsChanged.FILTERING) TagsChanged tagged) {
    recompute(tagged.accountId());
  }

  /** Recomputes the account's flags with its stored enabled filters. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int recompute(long accountId) {
    List<FilterSet.Filter> filters =
        Filter.evaluable(
            em.createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
                .setParameter("account", accountId)
                .getResultList());
    return recompute(accountId, filters);
  }

  /** Recomputes the account's flags with these filters (e.g. a change not yet committed). */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int recompute(long accountId, List<FilterSet.Filter> filters) {
    try {
      return evaluate(accountId, filters);
    } finally {
      channelsChanged.fire(new ChannelsChanged(accountId));
    }
  }

  private int evaluate(long accountId, List<FilterSet.Filter> filters) {
    long start = System.nanoTime();
    FilterSet set = new FilterSet(filters);
    boolean needsTags = filters.stream().anyMatch(f -> f.type() == FilterSet.Type.TAG);
    try (Connection writer = dataSource.getConnection()) {
      writer.setAutoCommit(true);
      if (set.isEmpty()) {
        // Spelled out so that MariaDB reads two short ranges of (account_id, is_active,
        // passes_filters); "AND NOT passes_filters" scanned the whole table (150 ms at 100,000).
        try (PreparedStatement all =
            writer.prepareStatement(
                "UPDATE channels SET passes_filters = TRUE WHERE account_id = ?"
                    + " AND is_active IN (FALSE, TRUE) AND passes_filters = FALSE")) {
          all.setLong(1, accountId);
          return all.executeUpdate();
        }
      }
      int changed;
      try (TsvFile changes = new TsvFile("filters-" + accountId)) {
        try (Connection reader = dataSource.getConnection()) {
          ActiveChannels.forEach(
              reader,
              accountId,
              "c.id, c.name, cat.name, c.passes_filters, "
                  + (needsTags
                      ? "(SELECT GROUP_CONCAT(t.name SEPARATOR ',') FROM channel_tags ct"
                          + " JOIN tags t ON t.id = ct.tag_id WHERE ct.channel_id = c.id)"
                      : "NULL"),
              rs -> {
                String tagList = rs.getString(5);
                Set<String> tags =
                    tagList == null
                        ? Set.of()
                        : Arrays.stream(tagList.split(",")).collect(Collectors.toSet());
                boolean passes = set.passes(rs.getString(2), rs.getString(3), tags);
                if (passes != rs.getBoolean(4)) {
                  changes.field(rs.getLong(1)).field(passes).endRow();
                }
              });
        }
        if (changes.rows() == 0) {
          return 0;
        }
        try (Statement ddl = writer.createStatement()) {
          ddl.execute("DROP TEMPORARY TABLE IF EXISTS filter_stage");
          ddl.execute(
              "CREATE TEMPORARY TABLE filter_stage (id BIGINT NOT NULL PRIMARY KEY,"
                  + " passes BOOLEAN NOT NULL) ENGINE=InnoDB");
        }
        changes.loadInto(writer, "filter_stage", "id, passes");
        try (Statement update = writer.createStatement()) {
          changed =
              update.executeUpdate(
                  "UPDATE channels c JOIN filter_stage s ON s.id = c.id"
                      + " SET c.passes_filters = s.passes");
          update.execute("DROP TEMPORARY TABLE IF EXISTS filter_stage");
        }
      }
      int rows = changed;
      LOG.info(
          () ->
              "Filters of account "
                  + accountId
                  + " evaluated in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms: "
                  + rows
                  + " channels changed");
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not evaluate the filters of account " + accountId, e);
    }
  }
}
