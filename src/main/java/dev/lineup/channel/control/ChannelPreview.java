package dev.lineup.channel.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Pages of stored channels for one or more accounts in (name, id) order, with the account's
 * filters, tags and search applied in SQL. A page costs four small queries: the ids of the page
 * (index order, or a full-text match), their details, their tags, and the total. See
 * docs/adr/0003-channel-search.md for the indexes each one uses.
 */
@ApplicationScoped
public class ChannelPreview {
  private static final Logger LOG = Logger.getLogger(ChannelPreview.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

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
      String accountName) {}

  /** A page: the total matching, the channels, whether more follow, and the cursor after it. */
  public record Page(long total, List<Channel> channels, boolean hasMore, String nextAfter) {
    public static Page empty() {
      return new Page(0, List.of(), false, null);
    }
  }

  /** The statements of a preview (also run with EXPLAIN by the benchmark). */
  public record Statements(
      String page, List<Object> pageParams, String count, List<Object> countParams) {}

  public Page page(Collection<Long> accountIds, PreviewRequest request) {
    if (accountIds.isEmpty()) {
      return Page.empty();
    }
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      List<Long> tagIds = tagIds(connection, request);
      if (tagIds == null) {
        return Page.empty(); // a tag nobody has: nothing can match
      }
      Statements sql = statements(accountIds, tagIds, request);
      List<Long> ids = ids(connection, sql.page(), sql.pageParams());
      boolean hasMore = ids.size() > request.limit();
      if (hasMore) {
        ids = ids.subList(0, request.limit());
      }
      long total =
          ids.isEmpty() && request.offset() == 0 && request.after() == null
              ? 0
              : count(connection, sql.count(), sql.countParams());
      List<Channel> channels = details(connection, ids);
      String next =
          hasMore
              ? new PreviewRequest.Cursor(last(channels).name(), last(channels).id()).encode()
              : null;
      LOG.fine(
          () ->
              "Preview of accounts "
                  + accountIds
                  + " in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms: "
                  + total
                  + " total");
      return new Page(total, channels, hasMore, next);
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

  /**
   * The ids of the requested tags; an empty list for no tag condition; null when the condition
   * cannot match (a tag of an "all" condition, or every tag of an "any" one, that no channel has).
   */
  private static List<Long> tagIds(Connection connection, PreviewRequest request)
      throws SQLException {
    if (request.tags().isEmpty()) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    String marks = String.join(",", Collections.nCopies(request.tags().size(), "?"));
    try (PreparedStatement query =
        connection.prepareStatement("SELECT id FROM tags WHERE name IN (" + marks + ")")) {
      int i = 1;
      for (String tag : request.tags()) {
        query.setString(i++, tag);
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.isEmpty() || (request.matchAll() && ids.size() < request.tags().size())) {
      return null;
    }
    return ids;
  }

  /** Builds the page and count statements (public for the benchmark's EXPLAIN). */
  public static Statements statements(
      Collection<Long> accountIds, List<Long> tagIds, PreviewRequest request) {
    StringBuilder from = new StringBuilder("FROM channels c");
    StringBuilder where = new StringBuilder(" WHERE c.account_id IN (");
    List<Object> params = new ArrayList<>();
    String fullText = request.search() == null ? null : SearchText.fullTextQuery(request.search());
    List<Object> joinParams = new ArrayList<>();
    if (fullText != null) {
      from.append(" JOIN channel_search s ON s.channel_id = c.id");
    }
    if (request.matchAll()) {
      for (int i = 0; i < tagIds.size(); i++) {
        // (channel_id, tag_id) is the key: each join keeps a channel once or drops it
        from.append(" JOIN channel_tags t")
            .append(i)
            .append(" ON t")
            .append(i)
            .append(".channel_id = c.id AND t")
            .append(i)
            .append(".tag_id = ?");
        joinParams.add(tagIds.get(i));
      }
    }
    params.addAll(joinParams);
    where.append(String.join(",", Collections.nCopies(accountIds.size(), "?"))).append(')');
    params.addAll(accountIds);
    if (!request.includeInactive()) {
      where.append(" AND c.is_active = 1");
    }
    if (request.applyFilters()) {
      where.append(" AND c.passes_filters = 1");
    }
    if (fullText != null) {
      where.append(" AND MATCH(s.search_text) AGAINST (? IN BOOLEAN MODE)");
      params.add(fullText);
    }
    if (!request.matchAll() && !tagIds.isEmpty()) {
      where
          .append(" AND c.id IN (SELECT ct.channel_id FROM channel_tags ct WHERE ct.tag_id IN (")
          .append(String.join(",", Collections.nCopies(tagIds.size(), "?")))
          .append("))");
      params.addAll(tagIds);
    }
    String count = "SELECT COUNT(*) " + from + where;
    List<Object> countParams = List.copyOf(params);
    StringBuilder page = new StringBuilder("SELECT c.id ").append(from).append(where);
    List<Object> pageParams = new ArrayList<>(params);
    if (request.after() != null) {
      page.append(" AND (c.name > ? OR (c.name = ? AND c.id > ?))");
      pageParams.add(request.after().name());
      pageParams.add(request.after().name());
      pageParams.add(request.after().id());
    }
    page.append(" ORDER BY c.name, c.id LIMIT ? OFFSET ?");
    pageParams.add(request.limit() + 1);
    pageParams.add(request.offset());
    return new Statements(page.toString(), pageParams, count, countParams);
  }

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

  private static long count(Connection connection, String sql, List<Object> params)
      throws SQLException {
    try (PreparedStatement query = prepare(connection, sql, params);
        ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }

  /** The page's channels in page order, with category, account and tags. */
  private static List<Channel> details(Connection connection, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    Map<Long, List<String>> tags = new HashMap<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT ct.channel_id, t.name FROM channel_tags ct JOIN tags t ON t.id = ct.tag_id"
                    + " WHERE ct.channel_id IN ("
                    + in
                    + ") ORDER BY t.name");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    Map<Long, Channel> byId = new LinkedHashMap<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT c.id, c.stream_id, c.name, c.cleaned_name, cat.name, c.stream_icon,"
                    + " c.is_active, c.account_id, a.name FROM channels c"
                    + " JOIN accounts a ON a.id = c.account_id"
                    + " LEFT JOIN categories cat"
                    + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
                    + " WHERE c.id IN ("
                    + in
                    + ")");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        String icon = rs.getString(6);
        byId.put(
            id,
            new Channel(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                icon == null || icon.isBlank() ? null : icon,
                tags.getOrDefault(id, List.of()),
                rs.getBoolean(7),
                rs.getLong(8),
                rs.getString(9)));
      }
    }
    List<Channel> ordered = new ArrayList<>(ids.size());
    for (long id : ids) {
      Channel channel = byId.get(id);
      if (channel != null) {
        ordered.add(channel);
      }
    }
    return ordered;
  }

  private static Channel last(List<Channel> channels) {
    return channels.get(channels.size() - 1);
  }
}
