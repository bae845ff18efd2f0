package dev.lineup.account.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.AccountSettings;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.account.entity.ServerUrl;
import dev.lineup.platform.JsonBody;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads an account from a JSON body (legacy field names: name, server, username, password, enabled;
 * plus provider_type, sync_interval_hours and epg_url), reporting every bad field at once.
 */
public final class AccountRequest {
  private AccountRequest() {}

  /**
   * The body's fields, for the OpenAPI document (the body is read by {@link #read}, which reports
   * every bad field at once).
   */
  record AccountInput(
      String name,
      @Schema(
              enumeration = {"xtream", "m3u"},
              defaultValue = "xtream")
          String providerType,
      String server,
      String username,
      @Schema(description = "Never returned; leave it out of a PUT or PATCH to keep the stored one")
          String password,
      @Schema(defaultValue = "true") Boolean enabled,
      @Schema(description = "null: the global SYNC_INTERVAL_HOURS; 0: never")
          Integer syncIntervalHours,
      String epgUrl,
      @Schema(
              description =
                  "How many streams the relay opens on the account at once (1 to 1000); null: the"
                      + " provider's user_info.max_connections, else no limit")
          Integer maxConnections) {}

  /**
   * Field errors are collected in {@code body}; the caller validates the bounds and throws.
   *
   * @param passwordStored whether the account already has a password, so the body may omit it
   */
  public static AccountSettings read(JsonBody body, boolean passwordStored) {
    String name = body.string("name");
    String typeCode = body.string("provider_type");
    String server = body.string("server");
    String username = body.string("username");
    String password = body.rawString("password");
    Boolean enabled = body.bool("enabled");
    Integer interval = body.integer("sync_interval_hours");
    String epg = body.string("epg_url");
    Integer maxConnections = body.integer("max_connections");

    ProviderType type = ProviderType.XTREAM;
    if (typeCode != null) {
      Optional<ProviderType> known = ProviderType.fromCode(typeCode);
      if (known.isEmpty()) {
        body.reject("provider_type", "must be one of: xtream, m3u");
      } else {
        type = known.get();
      }
    }
    ServerUrl serverUrl = null;
    if (server == null) {
      body.reject("server", "is required");
    } else {
      try {
        serverUrl = type.server(server);
      } catch (ServerUrl.InvalidServerUrl e) {
        body.reject("server", e.getMessage());
      }
    }
    username = blankToNull(username);
    password = password == null || password.isEmpty() ? null : password;
    if (serverUrl != null) {
      // A pasted panel URL may carry the credentials; explicit fields win.
      username = username != null ? username : serverUrl.username().orElse(null);
      password = password != null ? password : serverUrl.password().orElse(null);
    }
    if (type == ProviderType.XTREAM) {
      if (username == null) {
        body.reject("username", "is required for an Xtream account");
      }
      if (password == null && !passwordStored) {
        body.reject("password", "is required for an Xtream account");
      }
    }
    ServerUrl epgUrl = null;
    if (epg != null && !epg.isBlank()) {
      try {
        epgUrl = ServerUrl.playlist(epg);
      } catch (ServerUrl.InvalidServerUrl e) {
        body.reject("epg_url", e.getMessage().replace("playlist URL", "guide (XMLTV) URL"));
      }
    }
    return new AccountSettings(
        name,
        type,
        serverUrl,
        username,
        password,
        enabled == null || enabled,
        interval,
        epgUrl,
        maxConnections);
  }

  /** The stored settings as a JSON object, the base onto which a PATCH is merged. */
  public static JsonObject asJson(AccountSettings settings) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("name", settings.name())
            .add("provider_type", settings.providerType().code())
            .add("server", settings.server().value())
            .add("enabled", settings.enabled());
    if (settings.username() != null) {
      json.add("username", settings.username());
    }
    if (settings.syncIntervalHours() != null) {
      json.add("sync_interval_hours", settings.syncIntervalHours());
    }
    if (settings.epgUrl() != null) {
      json.add("epg_url", settings.epgUrl().value());
    }
    if (settings.maxConnections() != null) {
      json.add("max_connections", settings.maxConnections());
    }
    return json.build();
  }

  /**
   * A client that sends back the server or guide URL as shown (credentials masked as ***) means
   * "unchanged": the stored URL is used.
   */
  public static JsonObject unmasked(JsonObject body, Account account) {
    if (body.get("server") instanceof JsonString server
        && server.getString().strip().equals(account.maskedServer())) {
      body = Json.createObjectBuilder(body).add("server", account.serverUrl()).build();
    }
    if (body.get("epg_url") instanceof JsonString epg
        && account.epgUrl() != null
        && epg.getString().strip().equals(Account.masked(account.epgUrl()))) {
      body = Json.createObjectBuilder(body).add("epg_url", account.epgUrl()).build();
    }
    return body;
  }

  /**
   * {@link #read}, then the bounds (Bean Validation): every bad field at once.
   *
   * @throws dev.lineup.platform.ProblemException 422 naming each bad field
   */
  public static AccountSettings checked(
      JsonBody body, boolean passwordStored, jakarta.validation.Validator validator) {
    AccountSettings settings = read(body, passwordStored);
    validator.validate(settings).stream()
        .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(
            v ->
                body.reject(
                    dev.lineup.platform.FieldError.jsonName(v.getPropertyPath().toString()),
                    v.getMessage()));
    body.throwIfInvalid();
    return settings;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
