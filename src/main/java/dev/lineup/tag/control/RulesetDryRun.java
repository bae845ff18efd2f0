package dev.lineup.tag.control;

import dev.lineup.platform.ActiveChannels;
import dev.lineup.tag.entity.TagRule;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A ruleset's dry run: what its enabled rules do to one channel name (tags, cleaned name, the rules
 * that fired), and how often each fires on an account's active channels — streamed through the
 * extractor, holding only the counts. Nothing is stored.
 */
@ApplicationScoped
public class RulesetDryRun {
  @PersistenceContext EntityManager em;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** What the rules did to one channel. */
  public record Named(List<String> tags, String cleanedName, List<TagRule> matchedRules) {}

  /**
   * @param channels the active channels read
   * @param byRule each rule's hits, in the rules' order
   */
  public record Hits(long channels, Map<TagRule, Long> byRule) {}

  /** The ruleset's enabled rules, in the order they run, and their extractor. */
  public record Rules(List<TagRule> rules, TagExtractor extractor) {
    /** What the rules do to this channel name (its category's name may be null). */
    public Named name(String channelName, String categoryName) {
      TagExtractor.Extraction extraction = extractor.extract(channelName, categoryName);
      return new Named(
          extraction.tags(),
          extraction.cleanedName(),
          rules.stream().filter(r -> extraction.matchedRules().contains(r.id())).toList());
    }
  }

  public Rules rules(long rulesetId) {
    List<TagRule> rules =
        TagRule.ofRuleset(em, rulesetId).stream().filter(TagRule::enabled).toList();
    return new Rules(rules, new TagExtractor(rules.stream().map(TagRule::compiled).toList()));
  }

  /** How often each rule fires on the account's active channels. */
  public Hits hits(Rules rules, long accountId) {
    Map<Long, Long> counts = new LinkedHashMap<>();
    rules.rules().forEach(r -> counts.put(r.id(), 0L));
    long channels;
    try (Connection connection = dataSource.getConnection()) {
      channels =
          ActiveChannels.forEach(
              connection,
              accountId,
              "c.name, cat.name",
              rs -> {
                for (long rule :
                    rules.extractor().extract(rs.getString(1), rs.getString(2)).matchedRules()) {
                  counts.merge(rule, 1L, Long::sum);
                }
              });
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the account's channels", e);
    }
    Map<TagRule, Long> byRule = new LinkedHashMap<>();
    rules.rules().forEach(r -> byRule.put(r, counts.get(r.id())));
    return new Hits(channels, Collections.unmodifiableMap(byRule));
  }
}
