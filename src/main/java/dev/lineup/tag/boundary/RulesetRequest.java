package dev.lineup.tag.boundary;

import dev.lineup.platform.JsonBody;
import dev.lineup.tag.entity.Ruleset;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;

/** Reads and checks a ruleset (name, description, is_default, enabled, priority). */
public final class RulesetRequest {
  private RulesetRequest() {}

  /**
   * The ruleset the body describes: {@code existing} updated, or a new one (not yet persisted).
   *
   * @throws dev.lineup.platform.ProblemException 422 naming every bad field, 409 on a taken name
   */
  public static Ruleset read(JsonBody body, Ruleset existing, EntityManager em) {
    String name = body.string("name");
    String description = body.string("description");
    Boolean isDefault = body.bool("is_default");
    Boolean enabled = body.bool("enabled");
    Integer priority = body.integer("priority");
    if (name == null || name.isBlank()) {
      body.reject("name", "is required");
    } else if (name.length() > 100) {
      body.reject("name", "must be at most 100 characters");
    }
    if (description != null && description.length() > 1000) {
      body.reject("description", "must be at most 1000 characters");
    }
    if (priority != null && (priority < 0 || priority > 100_000)) {
      body.reject("priority", "must be from 0 to 100000");
    }
    body.throwIfInvalid();
    Ruleset.requireUniqueName(em, name, existing == null ? -1 : existing.id());
    String text = description == null || description.isBlank() ? null : description;
    boolean asDefault = isDefault != null && isDefault;
    boolean on = enabled == null || enabled;
    int order = priority == null ? 100 : priority;
    if (existing == null) {
      return new Ruleset(name, text, asDefault, on, order);
    }
    existing.update(name, text, asDefault, on, order);
    return existing;
  }

  /** The ruleset's own fields as {@link #read} takes them. */
  public static JsonObject asJson(Ruleset r) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("name", r.name())
            .add("is_default", r.isDefault())
            .add("enabled", r.enabled())
            .add("priority", r.priority());
    if (r.description() != null) {
      json.add("description", r.description());
    }
    return json.build();
  }
}
