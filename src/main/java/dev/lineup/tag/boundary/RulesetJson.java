package dev.lineup.tag.boundary;

import dev.lineup.platform.Timestamped;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import dev.lineup.tag.entity.TagRuleSettings;

/** How rulesets and rules look in the API (the legacy field names). */
public final class RulesetJson {
  private RulesetJson() {}

  public record RulesetView(
      long id,
      String name,
      String description,
      boolean isDefault,
      boolean enabled,
      int priority,
      long ruleCount,
      String createdAt,
      String updatedAt) {}

  public record RuleView(
      long id,
      long rulesetId,
      String name,
      String pattern,
      String patternType,
      String tagName,
      String source,
      boolean removeFromName,
      String replacement,
      int priority,
      boolean enabled,
      String createdAt,
      String updatedAt) {}

  static RulesetView of(Ruleset r, long ruleCount) {
    return new RulesetView(
        r.id(),
        r.name(),
        r.description(),
        r.isDefault(),
        r.enabled(),
        r.priority(),
        ruleCount,
        Timestamped.iso(r.createdAt()),
        Timestamped.iso(r.updatedAt()));
  }

  static RuleView of(TagRule rule) {
    TagRuleSettings s = rule.settings();
    return new RuleView(
        rule.id(),
        rule.rulesetId(),
        s.name(),
        s.pattern(),
        s.patternType().code(),
        s.tagName(),
        s.source().code(),
        s.removeFromName(),
        s.replacement(),
        s.priority(),
        s.enabled(),
        Timestamped.iso(rule.createdAt()),
        Timestamped.iso(rule.updatedAt()));
  }
}
