package dev.lineup.tag.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the tags in use, shared by the tags endpoints. */
@ApplicationScoped
public class TagQueries {
  @PersistenceContext EntityManager em;

  /** Tags with at least one active channel, optionally of one account and matching a search. */
  public List<Map<String, Object>> query(Long account, String search, boolean counts, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT t.id, t.name, COUNT(DISTINCT c.id) FROM tags t"
                + " JOIN channel_tags ct ON ct.tag_id = t.id"
                + " JOIN channels c ON c.id = ct.channel_id AND c.is_active WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (account != null) {
      sql.append(" AND ct.account_id = ?");
      params.add(account);
    }
    if (search != null) {
      sql.append(" AND t.name LIKE ? ESCAPE '!'");
      params.add("%" + search.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    sql.append(" GROUP BY t.id, t.name ORDER BY t.name LIMIT ").append(limit);
    var query = em.createNativeQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    List<Map<String, Object>> tags = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] cells = (Object[]) row;
      Map<String, Object> tag = new LinkedHashMap<>();
      tag.put("id", ((Number) cells[0]).longValue());
      tag.put("name", cells[1]);
      if (counts) {
        tag.put("channel_count", ((Number) cells[2]).longValue());
      }
      tags.add(tag);
    }
    return tags;
  }
}
