package dev.lineup.playlist.control;

import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * Writes an extended M3U playlist entry by entry. Attribute values lose double quotes (a quote
 * would end the attribute early) and every value loses line breaks and other control characters (a
 * break would start a new line); titles lose commas, which some players take as the end of the
 * attributes. Every entry has a title: a player's parser drops an entry without one ({@code
 * @iptv/playlist} does). Nothing is buffered here: entries go to the writer as they come.
 */
public final class M3uWriter {
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  private final Writer out;
  private int entries;

  public M3uWriter(Writer out) {
    this.out = out;
  }

  /** The header line; {@code epgUrl} (may be null) tells players where the guide is. */
  public void header(String epgUrl) throws IOException {
    out.write("#EXTM3U");
    if (epgUrl != null) {
      out.write(" x-tvg-url=\"");
      out.write(attribute(epgUrl));
      out.write('"');
    }
    out.write('\n');
  }

  /** One channel: its #EXTINF line and its stream URL. */
  public void entry(
      String tvgId, String name, String logo, Integer number, String group, String url)
      throws IOException {
    entry(tvgId, name, logo, number, group, url, StreamOptions.NONE);
  }

  /**
   * One channel: its #EXTINF line (with the stream's attributes), its option lines, and its stream
   * URL. {@code name} must not be blank once made a title (see {@link #title(String, String,
   * String)}).
   */
  public void entry(
      String tvgId,
      String name,
      String logo,
      Integer number,
      String group,
      String url,
      StreamOptions options)
      throws IOException {
    String title = title(name);
    out.write("#EXTINF:-1");
    attribute("tvg-id", tvgId);
    attribute("tvg-name", title);
    attribute("tvg-logo", logo);
    if (number != null) {
      attribute("tvg-chno", String.valueOf(number));
    }
    attribute("group-title", group);
    for (var option : options.attributes().entrySet()) {
      attribute(option.getKey(), option.getValue());
    }
    out.write(',');
    out.write(title);
    out.write('\n');
    for (String line : options.lines()) {
      out.write(line);
      out.write('\n');
    }
    out.write(oneLine(url == null ? "" : url).strip());
    out.write('\n');
    entries++;
  }

  public int entries() {
    return entries;
  }

  private void attribute(String key, String value) throws IOException {
    String clean = attribute(value);
    if (clean.isEmpty()) {
      return;
    }
    out.write(' ');
    out.write(key);
    out.write("=\"");
    out.write(clean);
    out.write('"');
  }

  /** An attribute value: no quotes, no line breaks, trimmed; null is empty. */
  static String attribute(String value) {
    return value == null ? "" : oneLine(value).replace('"', '\'').strip();
  }

  /** A title: one line, no commas, single spaces. */
  static String title(String value) {
    String title = value == null ? "" : oneLine(value).replace(',', ' ');
    return title.contains("  ") ? SPACES.matcher(title).replaceAll(" ").strip() : title.strip();
  }

  /**
   * The title of a channel: its cleaned name, else its provider name, else {@code "Channel " +
   * fallback} (the provider's number or stream id), so that no entry is left without one.
   */
  public static String title(String cleanedName, String name, String fallback) {
    String title = title(cleanedName);
    if (title.isEmpty()) {
      title = title(name);
    }
    return title.isEmpty() ? title("Channel " + fallback) : title;
  }

  /** The value on one line: line breaks, tabs and other control characters become spaces. */
  static String oneLine(String value) {
    StringBuilder line = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean breaks = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (breaks && line == null) {
        line = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (line != null && !(c == '\n' && i > 0 && value.charAt(i - 1) == '\r')) {
        line.append(breaks ? ' ' : c); // CRLF is one break
      }
    }
    return line == null ? value : line.toString();
  }
}
