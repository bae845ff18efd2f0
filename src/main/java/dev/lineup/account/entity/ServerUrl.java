package dev.lineup.account.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider's base URL, normalised: {@code scheme://host[:port][/path]}, lower-case scheme and
 * host, no trailing slash, no query. Accepts what users paste: {@code host:port}, a full URL, or a
 * panel URL such as {@code http://host:8080/player_api.php?username=u&password=p} (the endpoint and
 * query are dropped; the credentials in it are offered as defaults).
 */
public record ServerUrl(String value, Optional<String> username, Optional<String> password) {
  /** The longest URL an account keeps (server or guide). */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern ENDPOINT =
      Pattern.compile("/(player_api|get|xmltv|panel_api)\\.php$", Pattern.CASE_INSENSITIVE);

  /** Thrown with a message fit for the user when the text is no usable provider URL. */
  public static class InvalidServerUrl extends IllegalArgumentException {
    InvalidServerUrl(String message) {
      super(message);
    }
  }

  public static ServerUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidServerUrl("is required");
    }
    String trimmed = text.strip();
    requireLength(trimmed);
    if (trimmed.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidServerUrl("must not contain spaces");
    }
    String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new InvalidServerUrl("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidServerUrl("must be an http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new InvalidServerUrl("needs a host name, like provider.example:8080");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidServerUrl(
          "must not contain credentials; put them in username and password instead");
    }
    int port = uri.getPort();
    if (port == 0 || port > 65535) {
      throw new InvalidServerUrl("has an invalid port");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    path = ENDPOINT.matcher(path).replaceFirst("");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String normalised =
        scheme
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (port > 0 ? ":" + port : "")
            + path;
    String query = uri.getRawQuery();
    return new ServerUrl(
        normalised, queryParameter(query, "username"), queryParameter(query, "password"));
  }

  /**
   * The first usable URL of a playlist header's {@code x-tvg-url} (which may list several,
   * comma-separated), or null.
   */
  public static String firstGuideUrl(String tvgUrl) {
    if (tvgUrl == null) {
      return null;
    }
    for (String candidate : tvgUrl.split(",")) {
      try {
        String url = playlist(candidate).value(); // parsed as a URI there
        return url.length() <= 2048 ? url : null;
      } catch (IllegalArgumentException e) {
        // not an http(s) URL: try the next one
      }
    }
    return null;
  }

  /**
   * A playlist URL (M3U accounts), kept whole: its path and query are what the provider needs. It
   * may hold credentials in its query; {@link #masked()} hides them.
   */
  public static ServerUrl playlist(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidServerUrl("is required");
    }
    String trimmed = text.strip();
    requireLength(trimmed);
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new InvalidServerUrl("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidServerUrl("must be an http:// or https:// playlist URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new InvalidServerUrl("needs a host name");
    }
    return new ServerUrl(trimmed, Optional.empty(), Optional.empty());
  }

  /**
   * The URL with the values of credential-like query parameters replaced by {@code ***}, and any
   * user info ({@code user:password@}) too.
   */
  public String masked() {
    return mask(value);
  }

  /**
   * Text naming one URL or more (a playlist's {@code x-tvg-url} may list several) with their
   * credentials hidden as in {@link #masked()}: fit for responses and logs.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1***@");
    return MASKED.matcher(withoutUserInfo).replaceAll("$1***");
  }

  private static void requireLength(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new InvalidServerUrl("must be at most " + MAX_LENGTH + " characters");
    }
  }

  private static final Pattern USER_INFO = Pattern.compile("(://)[^/?#@\\s,]+@");

  private static final Pattern MASKED =
      Pattern.compile(
          "((?:^|[?&;])(?:password|passwd|pass|pwd|token|key|apikey|api_key|auth|secret)=)"
              + "[^&#\\s,]*",
          Pattern.CASE_INSENSITIVE);

  private static Optional<String> queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
