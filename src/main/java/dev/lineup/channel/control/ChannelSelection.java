package dev.lineup.channel.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which stored channels a preview or a playlist takes — the one definition both use: the accounts,
 * active only unless asked, passing the accounts' filters unless asked not to, with the tags
 * ({@code any} or {@code all}), without the excluded tags, matching the search. Builds the FROM and
 * WHERE of a statement over {@code channels c}; callers add their columns, joins and order.
 *
 * @param tagIds tags to have, rarest first (empty: no condition)
 * @param excludeTagIds tags a channel must not have
 * @param fullText the boolean-mode search expression ({@link SearchText#fullTextQuery}), or null
 * @param merged one row per merged channel: its first source among these accounts' channels (the
 *     others are left out; see {@code MergedChannels} for the order)
 */
public record ChannelSelection(
    List<Long> accountIds,
    List<Long> tagIds,
    boolean matchAll,
    List<Long> excludeTagIds,
    String fullText,
    boolean includeInactive,
    boolean applyFilters,
    boolean merged) {

  public ChannelSelection(
      List<Long> accountIds,
      List<Long> tagIds,
      boolean matchAll,
      List<Long> excludeTagIds,
      String fullText,
      boolean includeInactive,
      boolean applyFilters) {
    this(
        accountIds,
        tagIds,
        matchAll,
        excludeTagIds,
        fullText,
        includeInactive,
        applyFilters,
        false);
  }

  /** The same selection, one row per merged channel. */
  public ChannelSelection oneSourceEach() {
    return new ChannelSelection(
        accountIds, tagIds, matchAll, excludeTagIds, fullText, includeInactive, applyFilters, true);
  }

  /** The parts of a statement: {@code select} is "SELECT " or "SELECT STRAIGHT_JOIN ". */
  public record Sql(String select, String from, String where, List<Object> params) {}

  /** Whether tags or a search narrow the accounts' channels (else their counts are the total). */
  public boolean filtered() {
    return fullText != null || !tagIds.isEmpty() || !excludeTagIds.isEmpty() || merged;
  }

  public Sql sql() {
    // Tags to have them all, and no search: start from the first (rarest) tag's channels, keep
    // those with the other tags (small key lookups), and only then read the channels left.
    boolean tagDriven = matchAll && !tagIds.isEmpty() && fullText == null;
    StringBuilder from = new StringBuilder();
    StringBuilder where = new StringBuilder(" WHERE TRUE");
    List<Object> params = new ArrayList<>();
    if (tagDriven) {
      from.append("FROM channel_tags t0");
      for (int i = 1; i < tagIds.size(); i++) {
        from.append(" JOIN channel_tags t")
            .append(i)
            .append(" ON t")
            .append(i)
            .append(".channel_id = t0.channel_id AND t")
            .append(i)
            .append(".tag_id = ?");
        params.add(tagIds.get(i));
      }
      from.append(" JOIN channels c ON c.id = t0.channel_id");
      where.append(" AND t0.tag_id = ?");
      params.add(tagIds.get(0));
    } else {
      from.append("FROM channels c");
      if (fullText != null) {
        from.append(" JOIN channel_search s ON s.channel_id = c.id");
      }
      if (matchAll) {
        for (int i = 0; i < tagIds.size(); i++) {
          // (channel_id, tag_id) is the key: each join keeps a channel once or drops it
          from.append(" JOIN channel_tags t")
              .append(i)
              .append(" ON t")
              .append(i)
              .append(".channel_id = c.id AND t")
              .append(i)
              .append(".tag_id = ?");
          params.add(tagIds.get(i));
        }
      }
    }
    accountsAndFlags("c", where, params);
    if (fullText != null) {
      where.append(" AND MATCH(s.search_text) AGAINST (? IN BOOLEAN MODE)");
      params.add(fullText);
    }
    if (!matchAll && !tagIds.isEmpty()) {
      where
          .append(" AND c.id IN (SELECT ct.channel_id FROM channel_tags ct WHERE ct.tag_id IN (")
          .append(marks(tagIds.size()))
          .append("))");
      params.addAll(tagIds);
    }
    if (merged) {
      // Left out: a channel with an earlier source of its merged channel in the same selection.
      // ix_channels_merge finds a key's few sources; left alone, the optimizer picked the accounts'
      // index after a matching run (statistics of mostly empty keys): every channel per channel.
      where.append(
          " AND NOT EXISTS (SELECT 1 FROM channels m FORCE INDEX (ix_channels_merge)"
              + " WHERE m.merge_key = c.merge_key");
      memberOf("m", where, params);
      where
          .append(" AND (COALESCE(m.merge_position, 1000000), m.account_id, m.id)")
          .append(" < (COALESCE(c.merge_position, 1000000), c.account_id, c.id))");
    }
    return new Sql(
        tagDriven ? "SELECT STRAIGHT_JOIN " : "SELECT ", from.toString(), where.toString(), params);
  }

  /**
   * How many of the selection's channels each of these merge keys has: rows of (key, count), for
   * keys with two or more.
   */
  public Sql sourceCounts(java.util.Collection<String> keys) {
    StringBuilder where =
        new StringBuilder(" WHERE m.merge_key IN (").append(marks(keys.size())).append(')');
    List<Object> params = new ArrayList<>(keys);
    memberOf("m", where, params);
    return new Sql(
        "SELECT m.merge_key, COUNT(*) ",
        "FROM channels m FORCE INDEX (ix_channels_merge)",
        where + " GROUP BY m.merge_key HAVING COUNT(*) > 1",
        params);
  }

  /**
   * The selection's conditions on channels {@code alias}, each as its own subquery; not the search,
   * which narrows what a person looks at, not which source stands for a merged channel.
   */
  private void memberOf(String alias, StringBuilder where, List<Object> params) {
    String id = alias + ".id";
    accountsAndFlags(alias, where, params);
    if (matchAll) {
      for (long tag : tagIds) {
        where
            .append(" AND EXISTS (SELECT 1 FROM channel_tags mt WHERE mt.channel_id = ")
            .append(id)
            .append(" AND mt.tag_id = ?)");
        params.add(tag);
      }
    } else if (!tagIds.isEmpty()) {
      where
          .append(" AND EXISTS (SELECT 1 FROM channel_tags mt WHERE mt.channel_id = ")
          .append(id)
          .append(" AND mt.tag_id IN (")
          .append(marks(tagIds.size()))
          .append("))");
      params.addAll(tagIds);
    }
  }

  /**
   * The conditions every channel of the selection meets on its own row: its account, active (unless
   * asked), passing the filters (unless asked not to), none of the excluded tags.
   */
  private void accountsAndFlags(String alias, StringBuilder where, List<Object> params) {
    where.append(" AND ").append(alias).append(".account_id IN (");
    where.append(marks(accountIds.size())).append(')');
    params.addAll(accountIds);
    if (!includeInactive) {
      where.append(" AND ").append(alias).append(".is_active = 1");
    }
    if (applyFilters) {
      where.append(" AND ").append(alias).append(".passes_filters = 1");
    }
    if (!excludeTagIds.isEmpty()) {
      where
          .append(" AND NOT EXISTS (SELECT 1 FROM channel_tags x WHERE x.channel_id = ")
          .append(alias)
          .append(".id AND x.tag_id IN (")
          .append(marks(excludeTagIds.size()))
          .append("))");
      params.addAll(excludeTagIds);
    }
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }
}
