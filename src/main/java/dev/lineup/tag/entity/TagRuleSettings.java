package dev.lineup.tag.entity;

/** What a user sets on a tag rule, already checked (see {@code TagRuleRequest}). */
public record TagRuleSettings(
    String name,
    String pattern,
    PatternType patternType,
    String tagName,
    RuleSource source,
    boolean removeFromName,
    String replacement,
    int priority,
    boolean enabled) {}
