package dev.lineup.channel.control;

import dev.lineup.platform.ChannelsChanged;
import dev.lineup.sync.control.ChannelCounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Each account's channel counts (active and passing its filters, active, all), kept in memory: the
 * total of a preview without tags or search is their sum, where counting 200,000 index entries
 * would cost 20–25 ms on every page. Counted again on first use after a {@link ChannelsChanged} for
 * the account (syncs, filter evaluation, maintenance, deletion), and at least every {@value
 * #MAX_AGE_MS} ms so a second server writing the same database is seen too.
 */
@ApplicationScoped
public class ChannelTotals implements ChannelCounts {
  static final long MAX_AGE_MS = 60_000;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  private record Counts(
      long activePassing, long active, long passing, long all, long generation, long countedAt) {}

  private final ConcurrentHashMap<Long, Counts> counts = new ConcurrentHashMap<>();

  /** Bumped on every change; counts taken under an older generation are counted again. */
  private final AtomicLong generation = new AtomicLong();

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelsChanged event) {
    generation.incrementAndGet();
    if (event.accountId() == null) {
      counts.clear();
    } else {
      counts.remove(event.accountId());
    }
  }

  /** The account's counts for its sync status. */
  @Override
  public ChannelCounts.Counts of(long accountId) {
    try {
      Counts c = current(accountId);
      return new ChannelCounts.Counts(c.active(), c.all() - c.active(), c.activePassing());
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count the channels of account " + accountId, e);
    }
  }

  /** The account's channels that a preview without tags or search counts. */
  public long total(long accountId, boolean includeInactive, boolean applyFilters)
      throws SQLException {
    Counts c = current(accountId);
    if (includeInactive) {
      return applyFilters ? c.passing() : c.all();
    }
    return applyFilters ? c.activePassing() : c.active();
  }

  private Counts current(long accountId) throws SQLException {
    Counts c = counts.get(accountId);
    if (c == null || System.currentTimeMillis() - c.countedAt() > MAX_AGE_MS) {
      c = count(accountId, generation.get());
      Counts counted = c;
      // A change while counting leaves the count unstored: the next preview counts again.
      counts.compute(
          accountId, (id, old) -> generation.get() == counted.generation() ? counted : old);
    }
    return c;
  }

  private Counts count(long accountId, long generationBefore) throws SQLException {
    long countedAt = System.currentTimeMillis();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT COALESCE(SUM(is_active AND passes_filters), 0),"
                    + " COALESCE(SUM(is_active), 0), COALESCE(SUM(passes_filters), 0), COUNT(*)"
                    + " FROM channels WHERE account_id = ?")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new Counts(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            generationBefore,
            countedAt);
      }
    }
  }
}
