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
 */
public record ChannelSelection(
    List<Long> accountIds,
    List<Long> tagIds,
    boolean matchAll,
    List<Long> excludeTagIds,
    String fullText,
    boolean includeInactive,
    boolean applyFilters) {

  /** The parts of a statement: {@code select} is "SELECT " or "SELECT STRAIGHT_JOIN ". */
  public record Sql(String select, String from, String where, List<Object> params) {}

  /** Whether tags or a search narrow the accounts' channels (else their counts are the total). */
  public boolean filtered() {
    return fullText != null || !tagIds.isEmpty() || !excludeTagIds.isEmpty();
  }

  public Sql sql() {
    // Tags to have them all, and no search: start from the first (rarest) tag's channels, keep
    // those with the other tags (small key lookups), and only then read the channels left.
    boolean tagDriven = matchAll && !tagIds.isEmpty() && fullText == null;
    StringBuilder from = new StringBuilder();
    StringBuilder where = new StringBuilder(" WHERE ");
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
      where.append("t0.tag_id = ? AND ");
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
    where.append("c.account_id IN (").append(marks(accountIds.size())).append(')');
    params.addAll(accountIds);
    if (!includeInactive) {
      where.append(" AND c.is_active = 1");
    }
    if (applyFilters) {
      where.append(" AND c.passes_filters = 1");
    }
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
    if (!excludeTagIds.isEmpty()) {
      where
          .append(" AND NOT EXISTS (SELECT 1 FROM channel_tags x WHERE x.channel_id = c.id")
          .append(" AND x.tag_id IN (")
          .append(marks(excludeTagIds.size()))
          .append("))");
      params.addAll(excludeTagIds);
    }
    return new Sql(
        tagDriven ? "SELECT STRAIGHT_JOIN " : "SELECT ", from.toString(), where.toString(), params);
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }
}
