package dev.lineup.playlist.control;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes an extended M3U playlist entry by entry. Attribute values lose double quotes (a quote
 * would end the attribute early) and every value loses line breaks (a break would start a new
 * line); titles lose commas, which some players take as the end of the attributes. Nothing is
 * buffered here: entries go to the writer as they come.
 */
public final class M3uWriter {
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
    String title = title(name);
    out.write("#EXTINF:-1");
    attribute("tvg-id", tvgId);
    attribute("tvg-name", title);
    attribute("tvg-logo", logo);
    if (number != null) {
      attribute("tvg-chno", String.valueOf(number));
    }
    attribute("group-title", group);
    out.write(',');
    out.write(title);
    out.write('\n');
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
    return title.replaceAll(" {2,}", " ").strip();
  }

  private static String oneLine(String value) {
    return value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
  }
}
