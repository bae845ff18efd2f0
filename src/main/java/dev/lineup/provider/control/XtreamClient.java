package dev.lineup.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Talks to Xtream Codes panels ({@code player_api.php}). Accepts the panels' quirks: numbers sent
 * as strings, nulls, {@code auth} as 0/1. An HTML page, a non-object or {@code auth:0} is a failed
 * call, never an empty answer.
 */
@ApplicationScoped
public class XtreamClient {
  @Inject ProviderHttp http;

  public XtreamLogin login(String serverUrl, String username, String password) {
    URI uri = playerApi(serverUrl, username, password, null);
    JsonObject answer = parseObject(uri, http.getSmall(uri));
    JsonValue userValue = answer.get("user_info");
    if (!(userValue instanceof JsonObject user)) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri) + " did not answer like an Xtream Codes panel (no user_info).");
    }
    if (!"1".equals(text(user, "auth"))) {
      throw new ProviderException(
          ProviderException.Kind.AUTH_REJECTED,
          ProviderHttp.host(uri) + " rejected the username or password (auth: 0).");
    }
    JsonObject server =
        answer.get("server_info") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
    return new XtreamLogin(
        true,
        new XtreamLogin.ServerInfo(
            text(server, "url"),
            text(server, "port"),
            text(server, "https_port"),
            text(server, "server_protocol"),
            text(server, "timezone"),
            text(server, "time_now")),
        new XtreamLogin.UserInfo(
            text(user, "username"),
            text(user, "status"),
            epochToIso(text(user, "exp_date")),
            integer(user, "max_connections"),
            integer(user, "active_cons"),
            integer(user, "is_trial") == null ? null : integer(user, "is_trial") != 0));
  }

  /** {@code {server}/player_api.php?username=…&password=…[&action=…]}: a secret, never log it. */
  static URI playerApi(String serverUrl, String username, String password, String action) {
    StringBuilder url =
        new StringBuilder(serverUrl)
            .append("/player_api.php?username=")
            .append(URLEncoder.encode(username == null ? "" : username, StandardCharsets.UTF_8))
            .append("&password=")
            .append(URLEncoder.encode(password == null ? "" : password, StandardCharsets.UTF_8));
    if (action != null) {
      url.append("&action=").append(action);
    }
    return URI.create(url.toString());
  }

  private static JsonObject parseObject(URI uri, byte[] body) {
    int first = 0;
    while (first < body.length
        && (Character.isWhitespace(body[first])
            || body[first] == (byte) 0xEF
            || body[first] == (byte) 0xBB
            || body[first] == (byte) 0xBF)) {
      first++;
    }
    if (first == body.length) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED, ProviderHttp.host(uri) + " sent an empty answer.");
    }
    if (body[first] == '<') {
      throw new ProviderException(
          ProviderException.Kind.NOT_JSON,
          ProviderHttp.host(uri)
              + " sent an HTML page instead of JSON (wrong URL, or a blocked"
              + " or suspended account?).");
    }
    try (JsonReader reader =
        Json.createReader(new ByteArrayInputStream(body, first, body.length - first))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object) {
        return object;
      }
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri)
              + " answered with a JSON "
              + value.getValueType().name().toLowerCase()
              + " where an object was expected.");
    } catch (JsonException e) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri) + " sent JSON that is cut off or invalid.");
    }
  }

  /** A string, number or boolean member as text (panels send numbers as strings and back). */
  static String text(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null) {
      return null;
    }
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).toString();
      case TRUE -> "1";
      case FALSE -> "0";
      default -> null;
    };
  }

  static Integer integer(JsonObject object, String key) {
    String text = text(object, key);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return (int) Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String epochToIso(String epochSeconds) {
    if (epochSeconds == null || epochSeconds.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())).toString();
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
