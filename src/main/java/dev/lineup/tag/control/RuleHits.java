package dev.lineup.tag.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How often each rule of a ruleset's dry run fires on an account's active channels: streams them
 * (with their categories' names) through the extractor, holding only the counts.
 */
@ApplicationScoped
public class RuleHits {
  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /**
   * @param channels the active channels read
   * @param byRule each rule's hits, in the order of the rules asked about
   */
  public record Hits(long channels, Map<Long, Long> byRule) {}

  public Hits count(TagExtractor extractor, List<Long> ruleIds, long accountId) {
    Map<Long, Long> counts = new LinkedHashMap<>();
    ruleIds.forEach(id -> counts.put(id, 0L));
    long channels = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT c.name, cat.name FROM channels c LEFT JOIN categories cat"
                    + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
                    + " WHERE c.account_id = ? AND c.is_active")) {
      query.setFetchSize(1000);
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          channels++;
          for (long rule : extractor.extract(rs.getString(1), rs.getString(2)).matchedRules()) {
            counts.merge(rule, 1L, Long::sum);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the account's channels", e);
    }
    return new Hits(channels, Collections.unmodifiableMap(counts));
  }
}
