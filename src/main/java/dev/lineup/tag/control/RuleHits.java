package dev.lineup.tag.control;

import dev.lineup.platform.ActiveChannels;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
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
    long channels;
    try (Connection connection = dataSource.getConnection()) {
      channels =
          ActiveChannels.forEach(
              connection,
              accountId,
              "c.name, cat.name",
              rs -> {
                for (long rule :
                    extractor.extract(rs.getString(1), rs.getString(2)).matchedRules()) {
                  counts.merge(rule, 1L, Long::sum);
                }
              });
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the account's channels", e);
    }
    return new Hits(channels, Collections.unmodifiableMap(counts));
  }
}
