package dev.lineup.tag.entity;

import dev.lineup.platform.Entities;
import dev.lineup.platform.Timestamped;
import dev.lineup.tag.control.TagExtractor;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.List;

/** One rule of a ruleset: a pattern, the text it looks at, and the tag it gives. */
@Entity
@Table(name = "tag_rules")
@NamedQuery(
    name = TagRule.OF_RULESET,
    query = "SELECT r FROM TagRule r WHERE r.rulesetId = :ruleset ORDER BY r.priority, r.id")
@NamedQuery(
    name = TagRule.ALL,
    query = "SELECT r FROM TagRule r ORDER BY r.rulesetId, r.priority, r.id")
public class TagRule extends Timestamped {
  public static final String OF_RULESET = "TagRule.ofRuleset";
  public static final String ALL = "TagRule.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "ruleset_id", nullable = false)
  private long rulesetId;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 1000)
  private String pattern;

  @Column(name = "pattern_type", nullable = false)
  @Convert(converter = CodeConverters.PatternTypeConverter.class)
  private PatternType patternType;

  @Column(name = "tag_name", nullable = false, length = 100)
  private String tagName;

  @Convert(converter = CodeConverters.RuleSourceConverter.class)
  private RuleSource source = RuleSource.BOTH;

  @Column(name = "remove_from_name")
  private boolean removeFromName = true;

  private String replacement;

  private int priority = 100;

  private boolean enabled = true;

  protected TagRule() {}

  /** The tag rule with this id; a 404 problem when there is none. */
  public static TagRule require(EntityManager em, long id) {
    return Entities.require(em, TagRule.class, id, "Tag rule");
  }

  /** The ruleset's rules, in the order they run (enabled or not). */
  public static List<TagRule> ofRuleset(EntityManager em, long rulesetId) {
    return em.createNamedQuery(OF_RULESET, TagRule.class)
        .setParameter("ruleset", rulesetId)
        .getResultList();
  }

  public TagRule(long rulesetId, TagRuleSettings settings) {
    this.rulesetId = rulesetId;
    apply(settings);
  }

  public final void apply(TagRuleSettings s) {
    this.name = s.name();
    this.pattern = s.pattern();
    this.patternType = s.patternType();
    this.tagName = s.tagName();
    this.source = s.source();
    this.removeFromName = s.removeFromName();
    this.replacement = s.replacement();
    this.priority = s.priority();
    this.enabled = s.enabled();
  }

  public TagRuleSettings settings() {
    return new TagRuleSettings(
        name,
        pattern,
        patternType,
        tagName,
        source,
        removeFromName,
        replacement,
        priority,
        enabled);
  }

  /** The rule ready for the extractor (its regex compiled once). */
  public TagExtractor.Rule compiled() {
    return TagExtractor.Rule.of(
        id, patternType, pattern, tagName, source, removeFromName, replacement);
  }

  public Long id() {
    return id;
  }

  public long rulesetId() {
    return rulesetId;
  }

  public int priority() {
    return priority;
  }

  public boolean enabled() {
    return enabled;
  }
}
