package dev.lineup.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * PUBLIC_URL: the address players reach Lineup at ({@code https://tv.example.com}, or {@code
 * http://192.168.1.10:9080}), for the absolute URLs Lineup hands them: the guide a playlist names
 * in {@code x-tvg-url}, and the player URLs the Playlists page shows. Unset, each answer uses the
 * address the request came to (its {@code Host} header), which is right on a LAN but is whatever a
 * caller sends.
 */
@ApplicationScoped
public class PublicUrl {
  public static final Variable<String> VARIABLE =
      new Variable<>(
          "PUBLIC_URL",
          null,
          "an http(s) URL without user, query or fragment, such as https://tv.example.com or"
              + " http://192.168.1.10:9080",
          false,
          PublicUrl::parse);

  private String base;

  @PostConstruct
  void check() {
    base = VARIABLE.value();
  }

  /**
   * The configured URL without a trailing slash ({@code scheme://host[:port][/path]}).
   *
   * @throws IllegalArgumentException naming PUBLIC_URL and the accepted form
   */
  public static String parse(String value) {
    String text = value.strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && uri.getRawUserInfo() == null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "PUBLIC_URL must be an http(s) URL without user, query or fragment, such as"
            + " https://tv.example.com or http://192.168.1.10:9080"
            + (value.contains("@") ? "" : " (it is '" + value + "')"));
  }

  /**
   * What links to Lineup start with: PUBLIC_URL when set, else nothing (links relative to the
   * server the caller reached).
   */
  public String prefix() {
    return base == null ? "" : base;
  }

  /** {@code scheme://host[:port]} for a request: PUBLIC_URL when set, else the request's own. */
  public String base(HttpServletRequest request) {
    if (base != null) {
      return base;
    }
    String url = request.getRequestURL().toString();
    return url.substring(0, url.length() - request.getRequestURI().length());
  }
}
