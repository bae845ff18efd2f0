package dev.lineup.channel.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Pages of stored channels for one or more accounts in (name, id) order, with the account's
 * filters, tags and search applied in SQL. A page costs a few small queries: the ids of the page
 * (index order, or a full-text match), their details, their tags and merged channels' sources
 * ({@link PreviewRows}), and the total. See docs/adr/0003-channel-search.md for the indexes each
 * one uses.
 */
@ApplicationScoped
public class ChannelPreview {
  private static final Logger LOG = Logger.getLogger(ChannelPreview.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject ChannelTotals totals;

  /** One channel of a page. {@code id} is null on the provider path (nothing stored yet). */
  public record Channel(
      Long id,
      String streamId,
      String name,
      String cleanedName,
      String category,
      String icon,
      List<String> tags,
      boolean active,
      long accountId,
      String accountName,
      Integer sources,
      String title) {
    Channel withSources(int count) {
      return new Channel(
          id,
          streamId,
          name,
          cleanedName,
          category,
          icon,
          tags,
          active,
          accountId,
          accountName,
          count,
          title);
    }
  }

  /** A page: the total matching, the channels, whether more follow, and the cursor after it. */
  public record Page(long total, List<Channel> channels, boolean hasMore, String nextAfter) {
    public static Page empty() {
      return new Page(0, List.of(), false, null);
    }
  }

  /**
   * A preview's statements (the benchmark EXPLAINs them). Unfiltered, the total is {@link
   * ChannelTotals}'; filtered, the page counts as it goes ({@link #foundRows}) but after a cursor.
   */
  public record Statements(
      String page,
      String pageWithTotal,
      List<Object> pageParams,
      String count,
      List<Object> countParams,
      boolean filtered,
      boolean keyset) {
    public boolean countsAsItGoes() {
      return filtered && !keyset;
    }
  }

  /** A page of the accounts' channels as the request asks (its tags, search and flags). */
  public Page page(Collection<Long> accountIds, PreviewRequest request) {
    Optional<ChannelSelection> selection =
        selection(
            accountIds,
            request.tags(),
            request.matchAll(),
            Set.of(),
            request.search(),
            request.includeInactive(),
            request.applyFilters());
    return selection.isEmpty() ? Page.empty() : page(selection.get(), request);
  }

  /**
   * The selection of these accounts' channels with these tags (names), or empty when it cannot
   * match anything: no account, or a tag to have that no channel has (one of "all", every one of
   * "any"). Unknown tags to exclude exclude nothing.
   */
  public Optional<ChannelSelection> selection(
      Collection<Long> accountIds,
      Set<String> tags,
      boolean matchAll,
      Set<String> excludeTags,
      String search,
      boolean includeInactive,
      boolean applyFilters) {
    if (accountIds.isEmpty()) {
      return Optional.empty();
    }
    try (Connection connection = dataSource.getConnection()) {
      List<Long> tagIds = tagIds(connection, tags);
      if (tagIds.isEmpty() != tags.isEmpty() || (matchAll && tagIds.size() < tags.size())) {
        return Optional.empty(); // a tag nobody has
      }
      return Optional.of(
          new ChannelSelection(
              List.copyOf(accountIds),
              rarestFirst(connection, tagIds),
              matchAll,
              tagIds(connection, excludeTags),
              search == null ? null : SearchText.fullTextQuery(search),
              includeInactive,
              applyFilters));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read tags", e);
    }
  }

  /** A page of a selection; paging, search and flags as the request asks. */
  public Page page(ChannelSelection chosen, PreviewRequest request) {
    ChannelSelection selection = request.merged() ? chosen.oneSourceEach() : chosen;
    Collection<Long> accountIds = selection.accountIds();
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      Statements sql = statements(selection, request);
      List<Long> ids =
          ids(
              connection,
              sql.countsAsItGoes() ? sql.pageWithTotal() : sql.page(),
              sql.pageParams());
      boolean hasMore = ids.size() > request.limit();
      if (hasMore) {
        ids = ids.subList(0, request.limit());
      }
      long total;
      if (!sql.filtered()) {
        total = 0;
        for (long account : accountIds) {
          total += totals.total(account, selection.includeInactive(), selection.applyFilters());
        }
      } else if (sql.countsAsItGoes()) {
        total = foundRows(connection);
      } else if (ids.isEmpty() && request.offset() == 0 && request.after() == null) {
        total = 0;
      } else {
        total = count(connection, sql.count(), sql.countParams());
      }
      List<Channel> channels = PreviewRows.details(connection, ids, selection, request.merged());
      String next =
          hasMore
              ? new PreviewRequest.Cursor(last(channels).name(), last(channels).id()).encode()
              : null;
      long found = total;
      LOG.fine(
          () ->
              "Preview of accounts "
                  + accountIds
                  + " in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms: "
                  + found
                  + " total");
      return new Page(total, channels, hasMore, next);
    } catch (SQLException e) {
      throw new IllegalStateException("Preview query failed", e);
    }
  }

  /**
   * Whether the selection holds at least one channel: the page statement with its first row only,
   * never a total (a dashboard asks this of every playlist on every view).
   */
  public boolean any(ChannelSelection chosen, PreviewRequest request) {
    ChannelSelection selection = request.merged() ? chosen.oneSourceEach() : chosen;
    try (Connection connection = dataSource.getConnection()) {
      Statements sql = statements(selection, request);
      return !ids(connection, sql.page(), sql.pageParams()).isEmpty();
    } catch (SQLException e) {
      throw new IllegalStateException("Preview query failed", e);
    }
  }

  /** Which of these accounts have synced channels (the others preview from their provider). */
  public java.util.Set<Long> synced(Collection<Long> accountIds) {
    java.util.Set<Long> synced = new java.util.LinkedHashSet<>();
    if (accountIds.isEmpty()) {
      return synced;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            prepare(
                connection,
                "SELECT a.id FROM accounts a WHERE a.id IN ("
                    + String.join(",", Collections.nCopies(accountIds.size(), "?"))
                    + ") AND EXISTS (SELECT 1 FROM channels c WHERE c.account_id = a.id)"
                    + " ORDER BY a.id",
                List.copyOf(accountIds));
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        synced.add(rs.getLong(1));
      }
      return synced;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read which accounts are synced", e);
    }
  }

  /** The ids of the tags of these names that exist. */
  private static List<Long> tagIds(Connection connection, Set<String> names) throws SQLException {
    List<Long> ids = new ArrayList<>();
    if (names.isEmpty()) {
      return ids;
    }
    String marks = String.join(",", Collections.nCopies(names.size(), "?"));
    try (PreparedStatement query =
        connection.prepareStatement("SELECT id FROM tags WHERE name IN (" + marks + ")")) {
      int i = 1;
      for (String tag : names) {
        query.setString(i++, tag);
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** How many channels have each tag (for the join order only, so a few minutes old is fine). */
  private final Map<Long, long[]> tagSizes = new java.util.concurrent.ConcurrentHashMap<>();

  private List<Long> rarestFirst(Connection connection, List<Long> tagIds) throws SQLException {
    if (tagIds.size() < 2) {
      return tagIds;
    }
    Map<Long, Long> sizes = new HashMap<>();
    long now = System.currentTimeMillis();
    for (long tag : tagIds) {
      long[] known = tagSizes.get(tag);
      if (known == null || now - known[1] > 600_000) {
        try (PreparedStatement query =
            connection.prepareStatement("SELECT COUNT(*) FROM channel_tags WHERE tag_id = ?")) {
          query.setLong(1, tag);
          try (ResultSet rs = query.executeQuery()) {
            rs.next();
            known = new long[] {rs.getLong(1), now};
          }
        }
        tagSizes.put(tag, known);
      }
      sizes.put(tag, known[0]);
    }
    List<Long> ordered = new ArrayList<>(tagIds);
    ordered.sort(java.util.Comparator.comparing(sizes::get));
    return ordered;
  }

  /** Builds the page and count statements (public for the benchmark's EXPLAIN). */
  public static Statements statements(
      Collection<Long> accountIds, List<Long> tagIds, PreviewRequest request) {
    return statements(
        new ChannelSelection(
            List.copyOf(accountIds),
            tagIds,
            request.matchAll(),
            List.of(),
            request.search() == null ? null : SearchText.fullTextQuery(request.search()),
            request.includeInactive(),
            request.applyFilters(),
            request.merged()),
        request);
  }

  static Statements statements(ChannelSelection selection, PreviewRequest request) {
    ChannelSelection.Sql sql = selection.sql();
    String count = sql.select() + "COUNT(*) " + sql.from() + sql.where();
    StringBuilder page = new StringBuilder().append(sql.from()).append(sql.where());
    List<Object> pageParams = new ArrayList<>(sql.params());
    if (request.after() != null) {
      page.append(" AND (c.name > ? OR (c.name = ? AND c.id > ?))");
      pageParams.add(request.after().name());
      pageParams.add(request.after().name());
      pageParams.add(request.after().id());
    }
    page.append(" ORDER BY c.name, c.id LIMIT ? OFFSET ?");
    pageParams.add(request.limit() + 1);
    pageParams.add(request.offset());
    return new Statements(
        sql.select() + "c.id " + page,
        sql.select() + "SQL_CALC_FOUND_ROWS c.id " + page,
        pageParams,
        count,
        sql.params(),
        selection.filtered(),
        request.after() != null);
  }

  /** The page's ids. */
  private static List<Long> ids(Connection connection, String sql, List<Object> params)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement query = prepare(connection, sql, params);
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Rows the last SQL_CALC_FOUND_ROWS query matched (cheaper than COUNT(*) OVER (): one sort). */
  private static long foundRows(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT FOUND_ROWS()");
        ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long count(Connection connection, String sql, List<Object> params)
      throws SQLException {
    try (PreparedStatement query = prepare(connection, sql, params);
        ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }

  private static Channel last(List<Channel> channels) {
    return channels.get(channels.size() - 1);
  }
}
