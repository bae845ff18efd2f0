package dev.lineup.epg.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;

/**
 * The elements and attributes of XMLTV (xmltv.dtd, plus {@code lcn}, which iptv-org's guides use):
 * the only ones a stored guide keeps. A provider's guide is hostile text that Lineup serves from
 * its own origin; an HTML {@code <script>} inside a {@code <desc>} or an {@code xmlns} that makes
 * an element HTML would run in the admin's browser. Anything else — elements in a namespace,
 * unknown elements with all they hold, attributes in a namespace or not in the DTD, {@code
 * javascript:} and other non-http links, comments and processing instructions — is dropped.
 */
final class XmltvVocabulary {
  private static final Set<String> LANG = Set.of("lang");
  private static final Set<String> NONE = Set.of();
  private static final Set<String> ICON = Set.of("src", "width", "height");
  private static final Set<String> IMAGE = Set.of("type", "size", "orient", "system");

  /**
   * Element name → its attributes, for elements below {@code <channel>} and {@code <programme>}.
   */
  private static final Map<String, Set<String>> ELEMENTS =
      Map.ofEntries(
          Map.entry("channel", Set.of("id")),
          Map.entry("display-name", LANG),
          Map.entry("icon", ICON),
          Map.entry("url", Set.of("system")),
          Map.entry("lcn", NONE),
          Map.entry(
              "programme",
              Set.of(
                  "start",
                  "stop",
                  "pdc-start",
                  "vps-start",
                  "showview",
                  "videoplus",
                  "channel",
                  "clumpidx")),
          Map.entry("title", LANG),
          Map.entry("sub-title", LANG),
          Map.entry("desc", LANG),
          Map.entry("credits", NONE),
          Map.entry("director", NONE),
          Map.entry("actor", Set.of("role", "guest")),
          Map.entry("writer", NONE),
          Map.entry("adapter", NONE),
          Map.entry("producer", NONE),
          Map.entry("composer", NONE),
          Map.entry("editor", NONE),
          Map.entry("presenter", NONE),
          Map.entry("commentator", NONE),
          Map.entry("guest", NONE),
          Map.entry("image", IMAGE),
          Map.entry("date", NONE),
          Map.entry("category", LANG),
          Map.entry("keyword", LANG),
          Map.entry("language", LANG),
          Map.entry("orig-language", LANG),
          Map.entry("length", Set.of("units")),
          Map.entry("country", LANG),
          Map.entry("episode-num", Set.of("system")),
          Map.entry("video", NONE),
          Map.entry("present", NONE),
          Map.entry("colour", NONE),
          Map.entry("aspect", NONE),
          Map.entry("quality", NONE),
          Map.entry("audio", NONE),
          Map.entry("stereo", NONE),
          Map.entry("previously-shown", Set.of("start", "channel")),
          Map.entry("premiere", LANG),
          Map.entry("last-chance", LANG),
          Map.entry("new", NONE),
          Map.entry("subtitles", Set.of("type")),
          Map.entry("rating", Set.of("system")),
          Map.entry("star-rating", Set.of("system")),
          Map.entry("value", NONE),
          Map.entry("review", Set.of("type", "source", "reviewer", "lang")));

  /** Attributes that hold a link: kept only when it is http(s). */
  private static final Set<String> LINKS = Set.of("src");

  private static final XMLEventFactory EVENTS = XMLEventFactory.newInstance();

  private XmltvVocabulary() {}

  /** The element as stored, or null when it is not XMLTV's (it is dropped with its content). */
  static StartElement clean(StartElement element) {
    String name = element.getName().getLocalPart();
    Set<String> allowed = ELEMENTS.get(name);
    if (allowed == null || !element.getName().getNamespaceURI().isEmpty()) {
      return null;
    }
    List<Attribute> kept = new ArrayList<>();
    for (Iterator<Attribute> it = element.getAttributes(); it.hasNext(); ) {
      Attribute attribute = it.next();
      String key = attribute.getName().getLocalPart();
      if (attribute.getName().getNamespaceURI().isEmpty()
          && attribute.getName().getPrefix().isEmpty()
          && allowed.contains(key)
          && (!LINKS.contains(key) || isWebLink(attribute.getValue()))) {
        kept.add(EVENTS.createAttribute(key, attribute.getValue()));
      }
    }
    if (name.equals("icon")
        && kept.stream().noneMatch(a -> a.getName().getLocalPart().equals("src"))) {
      return null; // the DTD requires its src: an icon whose link was dropped goes with it
    }
    return EVENTS.createStartElement("", "", name, kept.iterator(), null);
  }

  static javax.xml.stream.events.EndElement end(String name) {
    return EVENTS.createEndElement("", "", name);
  }

  private static boolean isWebLink(String value) {
    String link = value.strip().toLowerCase(java.util.Locale.ROOT);
    return link.startsWith("http://") || link.startsWith("https://");
  }
}
