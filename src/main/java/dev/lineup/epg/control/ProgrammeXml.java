package dev.lineup.epg.control;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a player's "now and next" needs from one stored {@code <programme>}: its start and
 * stop, its first title (and that title's language) and its first description. The element is one
 * Lineup serialised itself ({@link XmltvStore}: escaped text, no comments, no CDATA, no DTD), so a
 * scan of its bytes is enough and costs no XML parser per programme.
 */
final class ProgrammeXml {
  private ProgrammeXml() {}

  /**
   * Writes the compact record (start, stop, title, description, language); false, writing nothing,
   * when the programme has no start time.
   */
  static boolean write(byte[] xml, int length, DataOutputStream out) throws IOException {
    String text = new String(xml, 0, length, StandardCharsets.UTF_8);
    int tagEnd = tagEnd(text, 0);
    if (tagEnd < 0) {
      return false;
    }
    String open = text.substring(0, tagEnd);
    long start = ProgrammeIndex.time(attribute(open, "start"));
    if (start == 0) {
      return false;
    }
    long stop = ProgrammeIndex.time(attribute(open, "stop"));
    String[] title = element(text, "title", tagEnd);
    String[] description = element(text, "desc", tagEnd);
    out.writeLong(start);
    out.writeLong(stop);
    out.writeUTF(cut(title[0], ProgrammeIndex.MAX_TITLE));
    out.writeUTF(cut(description[0], ProgrammeIndex.MAX_DESCRIPTION));
    out.writeUTF(cut(title[1], 16));
    return true;
  }

  /** Where the tag opening at {@code from} ends ({@code >} outside quotes), or -1. */
  private static int tagEnd(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return -1;
  }

  /** An attribute's value in an opening tag, unescaped; null without it. */
  static String attribute(String tag, String name) {
    int from = 0;
    while (true) {
      int at = tag.indexOf(name, from);
      if (at < 0) {
        return null;
      }
      int eq = at + name.length();
      boolean starts = at > 0 && Character.isWhitespace(tag.charAt(at - 1));
      while (eq < tag.length() && Character.isWhitespace(tag.charAt(eq))) {
        eq++;
      }
      if (starts && eq < tag.length() && tag.charAt(eq) == '=') {
        int q = eq + 1;
        while (q < tag.length() && Character.isWhitespace(tag.charAt(q))) {
          q++;
        }
        if (q < tag.length() && (tag.charAt(q) == '"' || tag.charAt(q) == '\'')) {
          int end = tag.indexOf(tag.charAt(q), q + 1);
          if (end > q) {
            return unescape(tag.substring(q + 1, end));
          }
        }
        return null;
      }
      from = at + 1;
    }
  }

  /** The first {@code <name>}'s text and its lang attribute ("" when absent). */
  private static String[] element(String text, String name, int from) {
    int at = from;
    while (true) {
      at = text.indexOf("<" + name, at);
      if (at < 0) {
        return new String[] {"", ""};
      }
      int after = at + name.length() + 1;
      if (after < text.length()
          && (text.charAt(after) == '>'
              || text.charAt(after) == '/'
              || Character.isWhitespace(text.charAt(after)))) {
        break;
      }
      at = after;
    }
    int openEnd = tagEnd(text, at);
    if (openEnd < 0) {
      return new String[] {"", ""};
    }
    String open = text.substring(at, openEnd);
    String lang = attribute(open, "lang");
    if (open.endsWith("/")) {
      return new String[] {"", lang == null ? "" : lang};
    }
    int close = text.indexOf("</" + name, openEnd);
    String body = close < 0 ? "" : text.substring(openEnd + 1, close);
    return new String[] {unescape(body).strip(), lang == null ? "" : lang};
  }

  /** XML's escapes: the five named entities and character references. */
  static String unescape(String value) {
    if (value.indexOf('&') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int semicolon = c == '&' ? value.indexOf(';', i) : -1;
      if (semicolon < 0 || semicolon - i > 10) {
        out.append(c);
        continue;
      }
      String entity = value.substring(i + 1, semicolon);
      String replaced =
          switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> reference(entity);
          };
      if (replaced == null) {
        out.append(c);
      } else {
        out.append(replaced);
        i = semicolon;
      }
    }
    return out.toString();
  }

  private static String reference(String entity) {
    try {
      if (entity.startsWith("#x") || entity.startsWith("#X")) {
        return Character.toString(Integer.parseInt(entity.substring(2), 16));
      }
      if (entity.startsWith("#")) {
        return Character.toString(Integer.parseInt(entity.substring(1)));
      }
    } catch (IllegalArgumentException e) {
      // not a character: kept as it is
    }
    return null;
  }

  /** At most {@code max} characters, not splitting a surrogate pair. */
  private static String cut(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }
}
