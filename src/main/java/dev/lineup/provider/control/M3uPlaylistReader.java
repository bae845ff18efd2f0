package dev.lineup.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads M3U playlists ({@code #EXTM3U} / {@code #EXTINF}) line by line, never holding the file:
 * tvg-id, tvg-name, tvg-logo, group-title, tvg-chno, other attributes and {@code #EXTVLCOPT} lines;
 * CRLF, a byte-order mark and a missing header are accepted; entries without a URL are skipped; an
 * HTML page, or a line longer than {@link #MAX_LINE} characters (no playlist has those; an endless
 * line would fill the memory), is a failed fetch. Groups become categories.
 *
 * <p>A channel's key ({@code stream_id}) is stable across syncs and password changes: the first 32
 * hex digits of SHA-256 over {@code tvg-id + "\n" + URL without credentials} (see docs/sync.md).
 */
@ApplicationScoped
public class M3uPlaylistReader {
  private static final Pattern USER_INFO =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");

  /** Found once: {@code Json.createObjectBuilder()} looks the JSON provider up on every call. */
  private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> SECRET_PARAMS =
      Set.of("username", "password", "user", "pass", "pwd", "token", "auth", "key", "apikey");

  /** The longest line a playlist may have: 64 Ki characters (real ones stay under 4 Ki). */
  static final int MAX_LINE = 64 * 1024;

  @Inject ProviderHttp http;

  /** What a playlist's header says (the EPG URL players should use). */
  public record Header(String tvgUrl) {}

  /** Fetches and reads the playlist at {@code url}; returns its header. */
  public Header read(
      String url, Consumer<ProviderCategory> categories, Consumer<ProviderChannel> channels) {
    URI uri = ProviderHttp.uri(url);
    Header[] header = {new Header(null)};
    http.stream(uri, body -> header[0] = read(uri, body, categories, channels));
    return header[0];
  }

  static Header read(
      URI source,
      InputStream body,
      Consumer<ProviderCategory> categories,
      Consumer<ProviderChannel> channels)
      throws IOException {
    Set<String> credentials = credentialsIn(source);
    Set<String> groups = new HashSet<>();
    Lines lines = new Lines(new InputStreamReader(body, StandardCharsets.UTF_8), MAX_LINE);
    String tvgUrl = null;
    boolean sawHeader = false;
    boolean sawEntry = false;
    String extinf = null;
    List<String> options = new ArrayList<>();
    String groupLine = null;
    String line;
    boolean first = true;
    while ((line = next(lines, source)) != null) {
      if (first) {
        line = line.replace("\uFEFF", "");
        first = false;
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!sawHeader && !sawEntry && line.startsWith("<")) {
        throw new ProviderException(
            ProviderException.Kind.NOT_JSON,
            ProviderHttp.host(source) + " sent an HTML page instead of a playlist.");
      }
      if (line.startsWith("#EXTM3U")) {
        sawHeader = true;
        Map<String, String> attributes = attributes(line);
        tvgUrl = attributes.getOrDefault("x-tvg-url", attributes.get("url-tvg"));
      } else if (line.startsWith("#EXTINF")) {
        extinf = line;
        options.clear();
        groupLine = null;
        sawEntry = true;
      } else if (line.startsWith("#EXTVLCOPT:") || line.startsWith("#KODIPROP:")) {
        options.add(line);
      } else if (line.startsWith("#EXTGRP:")) {
        groupLine = line.substring("#EXTGRP:".length()).strip();
      } else if (!line.startsWith("#")) {
        if (extinf != null) {
          ProviderChannel channel = channel(extinf, options, groupLine, line, credentials);
          if (channel.categoryId() != null && groups.add(channel.categoryId())) {
            categories.accept(new ProviderCategory(channel.categoryId(), channel.categoryId()));
          }
          channels.accept(channel);
        }
        extinf = null;
      }
    }
    if (!sawHeader && !sawEntry) {
      throw notAPlaylist(source);
    }
    return new Header(tvgUrl);
  }

  /** Line by line like {@link java.io.BufferedReader#readLine()}, refusing lines over a limit. */
  static final class Lines {
    private final Reader in;
    private final int max;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private boolean afterCr;
    private long number;

    Lines(Reader in, int max) {
      this.in = in;
      this.max = max;
    }

    /**
     * The next line without its end (LF, CR or CRLF), or null at the end of the text.
     *
     * @throws TooLong when the line is longer than the limit
     */
    String next() throws IOException {
      line.setLength(0);
      number++;
      while (true) {
        if (position == end) {
          end = in.read(buffer);
          position = 0;
          if (end <= 0) {
            end = 0;
            return line.length() > 0 ? line.toString() : null;
          }
        }
        if (afterCr) {
          afterCr = false;
          if (buffer[position] == '\n') {
            position++;
            continue;
          }
        }
        int start = position;
        while (position < end) {
          char c = buffer[position];
          if (c == '\n' || c == '\r') {
            append(start, position);
            position++;
            afterCr = c == '\r';
            return line.toString();
          }
          position++;
        }
        append(start, position);
      }
    }

    private void append(int from, int to) throws TooLong {
      if (line.length() + (to - from) > max) {
        throw new TooLong(number);
      }
      line.append(buffer, from, to - from);
    }
  }

  /** A line longer than the limit. */
  static final class TooLong extends IOException {
    final long line;

    TooLong(long line) {
      super("line " + line + " is too long", null);
      this.line = line;
    }
  }

  private static String next(Lines lines, URI source) throws IOException {
    try {
      return lines.next();
    } catch (TooLong e) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          String.format(
              Locale.ROOT,
              "%s sent a line longer than %,d characters (line %,d): that is no M3U playlist.",
              ProviderHttp.host(source),
              MAX_LINE,
              e.line));
    }
  }

  private static ProviderException notAPlaylist(URI source) {
    return new ProviderException(
        ProviderException.Kind.MALFORMED,
        ProviderHttp.host(source) + " did not send an M3U playlist.");
  }

  static ProviderChannel channel(
      String extinf, List<String> options, String groupLine, String url, Set<String> credentials) {
    String title = title(extinf);
    Map<String, String> attributes =
        attributes(extinf.substring(0, extinf.length() - title.length()));
    String tvgId = Text.blankToNull(attributes.remove("tvg-id"));
    String tvgName = attributes.remove("tvg-name");
    String logo = Text.blankToNull(attributes.remove("tvg-logo"));
    String group = Text.blankToNull(strip(attributes.remove("group-title")));
    if (group == null) {
      group = Text.blankToNull(strip(groupLine));
    }
    Integer number = number(attributes.remove("tvg-chno"));
    String name = title.strip().isEmpty() && tvgName != null ? tvgName : title.strip();
    // The tvg-name only when it says more than the name: most entries have no extras (no JSON)
    boolean ownTvgName = tvgName != null && !tvgName.equals(name);
    String extrasJson = null;
    if (ownTvgName || !attributes.isEmpty() || !options.isEmpty()) {
      JsonObjectBuilder extras = JSON.createObjectBuilder();
      if (ownTvgName) {
        extras.add("tvg-name", tvgName);
      }
      attributes.forEach(extras::add);
      if (!options.isEmpty()) {
        JsonArrayBuilder lines = JSON.createArrayBuilder();
        options.forEach(lines::add);
        extras.add("options", lines);
      }
      extrasJson = extras.build().toString();
    }
    return new ProviderChannel(
        key(tvgId, url, credentials),
        number,
        Text.cut(name, 512),
        group == null ? null : Text.cut(group, 191),
        "live",
        Text.cut(logo, 2048),
        Text.cut(tvgId, 255),
        null,
        null,
        false,
        null,
        null,
        Text.cut(url, 2048),
        extrasJson);
  }

  /** The text after the first comma that is not inside quotes. */
  static String title(String extinf) {
    boolean quoted = false;
    for (int i = 0; i < extinf.length(); i++) {
      char c = extinf.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return extinf.substring(i + 1);
      }
    }
    return "";
  }

  /**
   * The {@code name="value"} pairs of an #EXTINF line, the first of each name (lower-cased) kept:
   * what {@code ([A-Za-z0-9_-]+)="([^"]*)"} finds, scanned by hand (the regex was a fifth of the
   * time a playlist took to read).
   */
  static Map<String, String> attributes(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!nameChar(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < length && nameChar(text.charAt(end))) {
        end++;
      }
      // A shorter name from a later start ends at the same place: the pair starts here or not at
      // all, and the scan goes on after the name.
      int close = -1;
      if (end + 1 < length && text.charAt(end) == '=' && text.charAt(end + 1) == '"') {
        close = text.indexOf('"', end + 2);
      }
      if (close < 0) {
        i = end;
        continue;
      }
      attributes.putIfAbsent(
          text.substring(i, end).toLowerCase(Locale.ROOT), text.substring(end + 2, close));
      i = close + 1;
    }
    return attributes;
  }

  private static boolean nameChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  /**
   * The stable key of an entry: SHA-256 of tvg-id and the URL without credentials (user info, query
   * parameters named like credentials, and path segments equal to the playlist's own username or
   * password), so a password change does not make every channel new.
   */
  static String key(String tvgId, String url, Set<String> credentials) {
    String clean = withoutCredentials(url, credentials);
    byte[] hash =
        Sha256.digest()
            .digest(((tvgId == null ? "" : tvgId) + "\n" + clean).getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(hash, 0, 16);
  }

  static String withoutCredentials(String url, Set<String> credentials) {
    String clean = url.indexOf('@') < 0 ? url : USER_INFO.matcher(url).replaceFirst("$1");
    int query = clean.indexOf('?');
    String path = query < 0 ? clean : clean.substring(0, query);
    StringBuilder result = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (result.length() > 0) {
        result.append('/');
      }
      String decoded =
          segment.indexOf('%') < 0
              ? segment // nothing encoded (a '+' is a plus in a path)
              : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
      result.append(credentials.contains(decoded) ? "*" : segment);
    }
    if (query >= 0) {
      List<String> kept = new ArrayList<>();
      for (String pair : clean.substring(query + 1).split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
          kept.add(pair);
        }
      }
      if (!kept.isEmpty()) {
        result.append('?').append(String.join("&", kept));
      }
    }
    return result.toString();
  }

  /** The username and password in a playlist URL's query (get.php?username=…&password=…). */
  static Set<String> credentialsIn(URI playlist) {
    Set<String> values = new HashSet<>();
    String query = playlist.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && SECRET_PARAMS.contains(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
          String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          if (value.length() >= 3) {
            values.add(value);
          }
        }
      }
    }
    return values;
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  private static Integer number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
