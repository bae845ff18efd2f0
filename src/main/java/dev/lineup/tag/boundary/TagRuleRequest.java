package dev.lineup.tag.boundary;

import dev.lineup.platform.JsonBody;
import dev.lineup.tag.control.TagExtractor;
import dev.lineup.tag.entity.PatternType;
import dev.lineup.tag.entity.RuleSource;
import dev.lineup.tag.entity.TagName;
import dev.lineup.tag.entity.TagRuleSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads and checks a tag rule (legacy fields: name, pattern, pattern_type, tag_name, source,
 * remove_from_name, priority, enabled; plus replacement). A regex that does not compile, an unknown
 * pattern type or source, or a tag name that normalises to nothing is a 422, never stored.
 */
public final class TagRuleRequest {
  private static final Set<String> SPECIAL =
      Set.of(
          TagExtractor.LOCATION, TagExtractor.CALLSIGN, TagExtractor.CLEANUP, TagExtractor.CAPTURE);

  private TagRuleRequest() {}

  /** The body's fields, for the OpenAPI document ({@link #read} reads and checks them). */
  record TagRuleInput(
      @Schema(description = "Only for POST /api/tag-rules: the ruleset it belongs to")
          Long rulesetId,
      String name,
      String pattern,
      @Schema(enumeration = {"prefix", "suffix", "contains", "regex"}) String patternType,
      @Schema(description = "A tag name, or __LOCATION__, __CALLSIGN__, __CLEANUP__, __CAPTURE__")
          String tagName,
      @Schema(
              enumeration = {"channel_name", "category_name", "both"},
              defaultValue = "both")
          String source,
      @Schema(defaultValue = "true") Boolean removeFromName,
      String replacement,
      @Schema(defaultValue = "100") Integer priority,
      @Schema(defaultValue = "true") Boolean enabled) {}

  public static TagRuleSettings read(JsonBody body) {
    String name = body.string("name");
    String pattern = body.rawString("pattern");
    String typeCode = body.string("pattern_type");
    String tagName = body.string("tag_name");
    String sourceCode = body.string("source");
    Boolean remove = body.bool("remove_from_name");
    String replacement = body.rawString("replacement");
    Integer priority = body.integer("priority");
    Boolean enabled = body.bool("enabled");

    if (name == null || name.isBlank()) {
      body.reject("name", "is required");
    } else if (name.length() > 100) {
      body.reject("name", "must be at most 100 characters");
    }
    if (pattern == null || pattern.isEmpty()) {
      body.reject("pattern", "is required");
    } else if (pattern.length() > 1000) {
      body.reject("pattern", "must be at most 1000 characters");
    }
    PatternType type = PatternType.CONTAINS;
    if (typeCode == null) {
      body.reject("pattern_type", "is required (prefix, suffix, contains or regex)");
    } else {
      type = PatternType.fromCode(typeCode).orElse(null);
      if (type == null) {
        body.reject("pattern_type", "must be one of: prefix, suffix, contains, regex");
      }
    }
    if (type == PatternType.REGEX && pattern != null && !pattern.isEmpty()) {
      try {
        Pattern compiled = Pattern.compile(pattern);
        if (TagExtractor.CAPTURE.equals(tagName) && compiled.matcher("").groupCount() < 1) {
          body.reject("tag_name", "__CAPTURE__ needs a regex with a group: (...)");
        }
      } catch (PatternSyntaxException e) {
        body.reject("pattern", "is not a valid regular expression: " + e.getDescription());
      }
    } else if (TagExtractor.CAPTURE.equals(tagName)) {
      body.reject("tag_name", "__CAPTURE__ works with pattern_type regex only");
    }
    if (tagName == null || tagName.isBlank()) {
      body.reject("tag_name", "is required");
    } else if (!SPECIAL.contains(tagName) && TagName.normalise(tagName) == null) {
      body.reject("tag_name", "must have at least 2 letters or digits (or be " + SPECIAL + ")");
    } else if (tagName.length() > 100) {
      body.reject("tag_name", "must be at most 100 characters");
    }
    RuleSource source = RuleSource.BOTH;
    if (sourceCode != null) {
      source = RuleSource.fromCode(sourceCode).orElse(null);
      if (source == null) {
        body.reject("source", "must be one of: channel_name, category_name, both");
      }
    }
    if (replacement != null && replacement.length() > 255) {
      body.reject("replacement", "must be at most 255 characters");
    }
    if (priority != null && (priority < 0 || priority > 100_000)) {
      body.reject("priority", "must be from 0 to 100000");
    }
    body.throwIfInvalid();
    return new TagRuleSettings(
        name.strip(),
        pattern,
        type,
        SPECIAL.contains(tagName) ? tagName : tagName.strip(),
        source,
        remove == null || remove,
        replacement,
        priority == null ? 100 : priority,
        enabled == null || enabled);
  }

  public static JsonObject asJson(TagRuleSettings s) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("name", s.name())
            .add("pattern", s.pattern())
            .add("pattern_type", s.patternType().code())
            .add("tag_name", s.tagName())
            .add("source", s.source().code())
            .add("remove_from_name", s.removeFromName())
            .add("priority", s.priority())
            .add("enabled", s.enabled());
    if (s.replacement() != null) {
      json.add("replacement", s.replacement());
    }
    return json.build();
  }
}
