package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.JsonBody;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.GroupBy;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import dev.lineup.playlist.entity.PlaylistConfig.OrderBy;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import dev.lineup.playlist.entity.PlaylistConfig.StreamMode;
import dev.lineup.tag.entity.TagName;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads and checks a playlist config (legacy fields plus numbering, grouping and filters). Unknown
 * accounts, tags that normalise to nothing, or an unknown mode are 422 field errors; nothing is
 * stored.
 */
public final class PlaylistConfigRequest {
  private PlaylistConfigRequest() {}

  /** The body's fields, for the OpenAPI document ({@link #read} reads and checks them). */
  record PlaylistConfigInput(
      String name,
      String description,
      @Schema(description = "Only these accounts (ids); empty: every enabled account")
          List<Long> includeAccounts,
      List<Long> excludeAccounts,
      @Schema(description = "Tag names: a list, or one comma-separated string")
          List<String> includeTags,
      List<String> excludeTags,
      @Schema(
              enumeration = {"any", "all"},
              defaultValue = "any")
          String tagMatch,
      @Schema(
              enumeration = {"any", "all"},
              deprecated = true,
              description =
                  "the legacy tool's name for tag_match (tag_match wins when both are sent)")
          String tagMatchMode,
      @Schema(defaultValue = "true") Boolean applyFilters,
      @Schema(
              enumeration = {"provider", "sequential", "group", "none", "pinned"},
              defaultValue = "provider")
          String numbering,
      @Schema(defaultValue = "1") Integer startNumber,
      @Schema(
              enumeration = {"category", "first_tag", "account"},
              defaultValue = "category")
          String groupBy,
      @Schema(
              enumeration = {"name", "number", "group"},
              defaultValue = "name")
          String orderBy,
      @Schema(defaultValue = "true") Boolean accountSuffix,
      @Schema(
              defaultValue = "false",
              description =
                  "list each merged channel once (the same channel from several accounts), with its"
                      + " first active source's stream")
          Boolean mergeDuplicates,
      @Schema(
              enumeration = {"proxy", "redirect"},
              defaultValue = "proxy",
              description =
                  "proxy: players get Lineup's stream URLs (/s/{token}/{channel}.ts), the relay"
                      + " hides the provider's login and keeps its connection limit; redirect:"
                      + " players get the provider's own URLs. Absent on an update: unchanged")
          String streamMode,
      @Schema(defaultValue = "true") Boolean enabled) {}

  // The JSON of view() stays a map (the playlists page adds its own keys to it); these records
  // describe it in the OpenAPI document, and OpenApiIT checks them against real answers.

  /** A playlist config as the API shows it. */
  public record PlaylistConfigView(
      long id,
      String name,
      String description,
      List<Long> includeAccounts,
      List<Long> excludeAccounts,
      List<String> includeTags,
      List<String> excludeTags,
      String tagMatch,
      boolean applyFilters,
      String numbering,
      int startNumber,
      String groupBy,
      String orderBy,
      boolean accountSuffix,
      boolean mergeDuplicates,
      String streamMode,
      boolean enabled,
      PlaylistUrls urls,
      String createdAt,
      String updatedAt) {}

  /**
   * Its player URLs: the secret ones to share, and the id-based ones (off unless the
   * legacy_player_urls setting is on).
   */
  public record PlaylistUrls(
      String m3u,
      String epg,
      @Schema(description = "an HDHomeRun tuner for Plex, Jellyfin, Emby, Channels DVR")
          String hdhr,
      String legacyM3u,
      String legacyEpg) {}

  public static PlaylistSettings read(JsonBody body, EntityManager em) {
    String name = body.string("name");
    if (name == null || name.isBlank()) {
      body.reject("name", "is required");
    } else if (name.length() > 100) {
      body.reject("name", "must be at most 100 characters");
    }
    String description = body.string("description");
    if (description != null && description.length() > 1000) {
      body.reject("description", "must be at most 1000 characters");
    }
    Set<Long> include = accounts(body, "include_accounts", em);
    Set<Long> exclude = accounts(body, "exclude_accounts", em);
    Set<String> includeTags = tags(body, "include_tags");
    Set<String> excludeTags = tags(body, "exclude_tags");
    // tag_match_mode is the legacy tool's name for it: its scripts send that.
    String matchField =
        body.has("tag_match") || !body.has("tag_match_mode") ? "tag_match" : "tag_match_mode";
    String match = body.string(matchField);
    if (match != null && !match.equalsIgnoreCase("any") && !match.equalsIgnoreCase("all")) {
      body.reject(matchField, "must be any or all");
    }
    Numbering numbering = choice(body, "numbering", Numbering.class, Numbering.PROVIDER);
    GroupBy groupBy = choice(body, "group_by", GroupBy.class, GroupBy.CATEGORY);
    OrderBy orderBy = choice(body, "order_by", OrderBy.class, OrderBy.NAME);
    Integer start = body.integer("start_number");
    if (start != null && (start < 0 || start > 1_000_000)) {
      body.reject("start_number", "must be from 0 to 1000000");
    }
    Boolean applyFilters = body.bool("apply_filters");
    Boolean suffix = body.bool("account_suffix");
    Boolean merge = body.bool("merge_duplicates");
    StreamMode streamMode =
        body.string("stream_mode") == null
            ? null
            : choice(body, "stream_mode", StreamMode.class, null);
    Boolean enabled = body.bool("enabled");
    body.throwIfInvalid();
    return new PlaylistSettings(
        name.strip(),
        description == null || description.isBlank() ? null : description,
        include,
        exclude,
        includeTags,
        excludeTags,
        "all".equalsIgnoreCase(match),
        applyFilters == null || applyFilters,
        numbering,
        start == null ? 1 : start,
        groupBy,
        orderBy,
        suffix == null || suffix,
        merge != null && merge,
        streamMode,
        enabled == null || enabled,
        null);
  }

  /** An array of account ids (each must exist); absent or null is none. */
  private static Set<Long> accounts(JsonBody body, String field, EntityManager em) {
    Set<Long> ids = new LinkedHashSet<>();
    JsonValue value = body.json().get(field);
    if (value == null || value == JsonValue.NULL) {
      return ids;
    }
    if (!(value instanceof JsonArray array)) {
      body.reject(field, "must be a list of account ids");
      return ids;
    }
    for (JsonValue item : array) {
      if (!(item instanceof JsonNumber n) || !n.isIntegral()) {
        body.reject(field, "must be a list of account ids");
        return ids;
      }
      long id = n.longValue();
      if (em.find(Account.class, id) == null) {
        body.reject(field, "account " + id + " does not exist");
        return ids;
      }
      ids.add(id);
    }
    return ids;
  }

  /** A list of tag names (an array, or one comma-separated string), normalised. */
  private static Set<String> tags(JsonBody body, String field) {
    Set<String> names = new LinkedHashSet<>();
    JsonValue value = body.json().get(field);
    if (value == null || value == JsonValue.NULL) {
      return names;
    }
    Iterable<String> raw;
    if (value instanceof JsonString s) {
      raw = Arrays.asList(s.getString().split(","));
    } else if (value instanceof JsonArray array
        && array.stream().allMatch(v -> v instanceof JsonString)) {
      raw = array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    } else {
      body.reject(field, "must be a list of tag names");
      return names;
    }
    for (String tag : raw) {
      if (tag.isBlank()) {
        continue;
      }
      String name = TagName.normalise(tag);
      if (name == null) {
        body.reject(
            field, "\"" + tag.strip() + "\" is not a tag name (2 or more letters or digits)");
        return names;
      }
      names.add(name);
    }
    if (names.size() > 100) {
      body.reject(field, "can list at most 100 tags");
    }
    return names;
  }

  private static <E extends Enum<E>> E choice(
      JsonBody body, String field, Class<E> type, E fallback) {
    String code = body.string(field);
    if (code == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      body.reject(
          field,
          "must be one of: "
              + String.join(
                  ", ",
                  Arrays.stream(type.getEnumConstants())
                      .map(c -> c.name().toLowerCase(Locale.ROOT))
                      .toList()));
      return fallback;
    }
  }

  /**
   * The config as the API shows it; its player URLs start with {@code base} (PUBLIC_URL, or empty
   * for URLs relative to the server the caller reached).
   */
  public static java.util.Map<String, Object> view(PlaylistConfig config, String base) {
    PlaylistSettings s = config.settings();
    java.util.Map<String, Object> view = new java.util.LinkedHashMap<>();
    view.put("id", config.id());
    view.put("name", s.name());
    view.put("description", s.description());
    view.put("include_accounts", s.includeAccounts());
    view.put("exclude_accounts", s.excludeAccounts());
    view.put("include_tags", s.includeTags());
    view.put("exclude_tags", s.excludeTags());
    view.put("tag_match", s.matchAll() ? "all" : "any");
    view.put("apply_filters", s.applyFilters());
    view.put("numbering", s.numbering().name().toLowerCase(Locale.ROOT));
    view.put("start_number", s.startNumber());
    view.put("group_by", s.groupBy().name().toLowerCase(Locale.ROOT));
    view.put("order_by", s.orderBy().name().toLowerCase(Locale.ROOT));
    view.put("account_suffix", s.accountSuffix());
    view.put("merge_duplicates", s.mergeDuplicates());
    view.put("stream_mode", s.streamMode().name().toLowerCase(Locale.ROOT));
    view.put("enabled", s.enabled());
    java.util.Map<String, Object> urls = new java.util.LinkedHashMap<>();
    urls.put("m3u", base + "/p/" + config.token() + "/playlist.m3u");
    urls.put("epg", base + "/p/" + config.token() + "/epg.xml");
    urls.put("hdhr", base + "/hdhr/" + config.token());
    urls.put("legacy_m3u", base + "/playlist/config/" + config.id() + ".m3u");
    urls.put("legacy_epg", base + "/epg/config/" + config.id() + ".xml");
    view.put("urls", urls);
    view.put("created_at", PlaylistConfig.iso(config.createdAt()));
    view.put("updated_at", PlaylistConfig.iso(config.updatedAt()));
    return view;
  }
}
