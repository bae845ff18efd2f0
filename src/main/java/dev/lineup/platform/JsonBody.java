package dev.lineup.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body read as a JSON object, field by field, collecting every wrong-typed field so the
 * client hears about all of them at once (422) instead of the first parser error. Malformed JSON or
 * a body that is not an object is a 400.
 */
public final class JsonBody {
  private final JsonObject json;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody parse(String body) {
    if (body == null || body.isBlank()) {
      throw ProblemException.badRequest("The request needs a JSON object body.");
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw ProblemException.badRequest("The request body must be a JSON object.");
      }
      return new JsonBody(value.asJsonObject());
    } catch (JsonException e) {
      throw ProblemException.badRequest("The request body is not valid JSON.");
    }
  }

  public static JsonBody of(JsonObject json) {
    return new JsonBody(json);
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.get(field).getValueType() != JsonValue.ValueType.NULL;
  }

  /** The string value, trimmed; null when absent or null; a field error when not a string. */
  public String string(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString().strip();
    }
    reject(field, "must be a string");
    return null;
  }

  /** The raw string value, untrimmed (for secrets, where spaces may be meaningful). */
  public String rawString(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    reject(field, "must be a string");
    return null;
  }

  public Boolean bool(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    reject(field, "must be true or false");
    return null;
  }

  public Integer integer(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.intValueExact();
      } catch (ArithmeticException e) {
        // falls through to the error below
      }
    }
    reject(field, "must be a whole number");
    return null;
  }

  /** Records a field error found by the caller (e.g. a bad URL); the first error per field wins. */
  public void reject(String field, String message) {
    if (errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, message));
    }
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a 422 problem listing every collected field error, if there is any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private JsonValue value(String field) {
    JsonValue value = json.get(field);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
  }
}
