package dev.lineup.filter.boundary;

import dev.lineup.filter.control.FilterSet;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.JsonBody;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads and checks a filter (legacy fields: name, filter_type, filter_action, filter_value,
 * enabled). An unknown type or action, a regex that does not compile or a tag list with no tag is a
 * 422, never stored.
 */
public final class FilterRequest {
  private FilterRequest() {}

  /** The body's fields, for the OpenAPI document ({@link #readInto} reads and checks them). */
  record FilterInput(
      @Schema(description = "Only for POST /api/filters: the account it filters") Long accountId,
      String name,
      @Schema(enumeration = {"category", "channel_name", "regex", "tag"}) String filterType,
      @Schema(
              enumeration = {"whitelist", "blacklist"},
              defaultValue = "whitelist")
          String filterAction,
      String filterValue,
      @Schema(defaultValue = "true") Boolean enabled) {}

  public static void readInto(JsonBody body, Filter filter) {
    String name = body.string("name");
    String typeCode = body.string("filter_type");
    String actionCode = body.string("filter_action");
    String value = body.rawString("filter_value");
    Boolean enabled = body.bool("enabled");
    if (name == null || name.isBlank()) {
      body.reject("name", "is required");
    } else if (name.length() > 100) {
      body.reject("name", "must be at most 100 characters");
    }
    FilterSet.Type type = typeCode == null ? null : FilterSet.Type.fromCode(typeCode).orElse(null);
    if (type == null) {
      body.reject("filter_type", "must be one of: category, channel_name, regex, tag");
    }
    FilterSet.Action action =
        actionCode == null
            ? FilterSet.Action.WHITELIST
            : FilterSet.Action.fromCode(actionCode).orElse(null);
    if (action == null) {
      body.reject("filter_action", "must be whitelist or blacklist");
    }
    if (type != null) {
      String problem = FilterSet.problem(type, value);
      if (problem != null) {
        body.reject("filter_value", problem);
      }
    } else if (value == null || value.isBlank()) {
      body.reject("filter_value", "is required");
    }
    body.throwIfInvalid();
    filter.apply(name.strip(), type, action, value, enabled == null || enabled);
  }

  public static JsonObject asJson(Filter f) {
    return Json.createObjectBuilder()
        .add("name", f.name())
        .add("filter_type", f.type())
        .add("filter_action", f.action())
        .add("filter_value", f.value())
        .add("enabled", f.enabled())
        .build();
  }
}
