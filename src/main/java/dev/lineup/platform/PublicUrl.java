package dev.lineup.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

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

  /**
   * TRUSTED_PROXIES: the reverse proxies whose forwarding headers count (the server reads it too,
   * for the client's address).
   */
  public static final Variable<Pattern> TRUSTED_PROXIES =
      Variable.regex(
          "TRUSTED_PROXIES",
          "none",
          "a regular expression of the proxies' addresses, such as 172\\.18\\.0\\.\\d+");

  private String base;
  private String trustedProxies;

  @PostConstruct
  void check() {
    base = VARIABLE.value();
    Pattern proxies = TRUSTED_PROXIES.value();
    trustedProxies = proxies == null ? null : proxies.pattern();
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

  /**
   * {@code scheme://host[:port]} for a request: PUBLIC_URL when set (with its path), else the
   * {@link #address(HttpServletRequest) address} the request came to.
   */
  public String base(HttpServletRequest request) {
    return base != null ? base : address(request).url();
  }

  /** Where players reach Lineup: its scheme, host and port (for Xtream's {@code server_info}). */
  public record Address(String scheme, String host, int port) {
    /** {@code scheme://host[:port]}, the port left out when it is the scheme's own. */
    public String url() {
      boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
      String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
      return scheme + "://" + literal + (defaultPort ? "" : ":" + port);
    }
  }

  /**
   * The address players reach Lineup at: PUBLIC_URL when set; else what a reverse proxy says in
   * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port}, but only when
   * TRUSTED_PROXIES is set and the request came through one (the server then took the client's
   * address from its {@code X-Forwarded-For}); else the request's own. A proxy that terminates TLS
   * on 443 and says so gets https and 443, not the port Lineup listens on.
   */
  public Address address(HttpServletRequest request) {
    return address(base, request, trustedProxies);
  }

  /** {@link #address(HttpServletRequest)} with PUBLIC_URL and TRUSTED_PROXIES given. */
  static Address address(String base, HttpServletRequest request, String trustedProxies) {
    if (base != null) {
      URI uri = URI.create(base);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      return new Address(scheme, uri.getHost(), port(uri.getPort(), scheme));
    }
    if (proxied(request, trustedProxies)) {
      String scheme = first(request.getHeader("X-Forwarded-Proto"));
      scheme = scheme == null ? request.getScheme() : scheme.toLowerCase(Locale.ROOT);
      scheme = scheme.equals("https") ? "https" : "http";
      String host = first(request.getHeader("X-Forwarded-Host"));
      int port = -1;
      if (host == null) {
        host = request.getServerName();
      } else {
        int colon = host.lastIndexOf(':');
        if (colon > 0
            && host.indexOf(']') < colon
            && host.substring(colon + 1).matches("\\d{1,5}")) {
          port = Integer.parseInt(host.substring(colon + 1));
          host = host.substring(0, colon);
        }
      }
      String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
      if (forwardedPort != null && forwardedPort.matches("\\d{1,5}")) {
        port = Integer.parseInt(forwardedPort);
      }
      return new Address(scheme, host, port(port, scheme));
    }
    return new Address(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /**
   * Whether the request came through a trusted proxy: TRUSTED_PROXIES is set, and the server has
   * taken the client's address from the forwarding chain.
   */
  private static boolean proxied(HttpServletRequest request, String proxies) {
    String chain = request.getHeader("X-Forwarded-For");
    if (chain == null || proxies == null || proxies.isBlank() || proxies.equals("none")) {
      return false;
    }
    for (String hop : chain.split(",")) {
      if (hop.strip().equals(request.getRemoteAddr())) {
        return true;
      }
    }
    return false;
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.split(",")[0].strip();
    return value.isEmpty() || value.length() > 255 ? null : value;
  }

  private static int port(int port, String scheme) {
    if (port > 0 && port <= 65535) {
      return port;
    }
    return scheme.equals("https") ? 443 : 80;
  }
}
