package dev.lineup.epg.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * XMLTV guides on disk, one gzip file per account, read and written with StAX events only: a guide
 * of any size passes through a few kilobytes of buffers, never a DOM. See
 * docs/adr/0004-epg-storage.md.
 */
public final class Guides {
  private static final QName ID = new QName("id");
  private static final QName CHANNEL = new QName("channel");

  /** What a stored guide holds. */
  public record Stats(int channels, int programmes, long bytes) {}

  private final Path dir;

  public Guides(Path dir) {
    this.dir = dir;
  }

  /**
   * The file of a guide; {@code key} names its account (id and creation time, so a guide never
   * outlives its account into a new one with the same id).
   */
  public Path file(String key) {
    return dir.resolve("account-" + key + ".xml.gz");
  }

  public boolean has(String key) {
    return Files.isRegularFile(file(key));
  }

  public void delete(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static XMLInputFactory inputFactory() {
    XMLInputFactory factory = XMLInputFactory.newInstance();
    // Never fetch a DTD or expand external entities (XXE); XMLTV's DOCTYPE is only a marker.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /**
   * Reads a provider's guide and stores the account's copy, replacing the old one only once the new
   * one is complete and well-formed (a cut-off or HTML answer leaves the old guide in place).
   *
   * @throws InvalidGuideException when the body is not an XMLTV document
   */
  public Stats store(String key, InputStream xml) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "account-" + key + "-", ".tmp");
    int channels = 0;
    int programmes = 0;
    try {
      try (OutputStream file =
          new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)), 1 << 16)) {
        XMLEventReader reader = inputFactory().createXMLEventReader(xml);
        XMLEventWriter writer = XMLOutputFactory.newInstance().createXMLEventWriter(file, "UTF-8");
        XMLEventFactory events = XMLEventFactory.newInstance();
        boolean root = false;
        int depth = 0;
        while (reader.hasNext()) {
          XMLEvent event = reader.nextEvent();
          if (event.isStartDocument() || event.getEventType() == XMLEvent.DTD) {
            continue;
          }
          if (event.isStartElement()) {
            String name = event.asStartElement().getName().getLocalPart();
            if (!root) {
              if (!name.equals("tv")) {
                throw new InvalidGuideException("the document is <" + name + ">, not <tv>");
              }
              root = true;
              writer.add(events.createStartDocument("UTF-8", "1.0"));
            }
            depth++;
            if (depth == 2 && name.equals("channel")) {
              channels++;
            } else if (depth == 2 && name.equals("programme")) {
              programmes++;
            }
          } else if (event.isEndElement()) {
            depth--;
          }
          if (root) {
            writer.add(event);
          }
        }
        if (!root) {
          throw new InvalidGuideException("the answer holds no XML document");
        }
        writer.add(events.createEndDocument());
        writer.close();
      } catch (XMLStreamException e) {
        throw new InvalidGuideException("it is not well-formed XML: " + e.getMessage());
      }
      Files.move(
          temp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Stats(channels, programmes, Files.size(file(key)));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes one XMLTV document with the {@code <channel>} and then the {@code <programme>} elements
   * of the accounts' guides whose channel id is in {@code channelIds} (the playlist's tvg-ids). A
   * channel several accounts share comes once, with the programmes of the first guide that has it.
   * Two passes over each file keep the order the XMLTV DTD asks for.
   */
  public void write(List<String> keys, Set<String> channelIds, OutputStream out)
      throws IOException {
    try {
      XMLEventWriter writer = XMLOutputFactory.newInstance().createXMLEventWriter(out, "UTF-8");
      XMLEventFactory events = XMLEventFactory.newInstance();
      writer.add(events.createStartDocument("UTF-8", "1.0"));
      writer.add(events.createCharacters("\n"));
      writer.add(events.createDTD("<!DOCTYPE tv SYSTEM \"xmltv.dtd\">"));
      writer.add(events.createCharacters("\n"));
      writer.add(
          events.createStartElement(
              "",
              "",
              "tv",
              List.of(events.createAttribute("generator-info-name", "Lineup")).iterator(),
              null));
      writer.add(events.createCharacters("\n"));
      Map<String, String> owners = new HashMap<>(); // channel id → key of the guide it is from
      for (String element : List.of("channel", "programme")) {
        for (String key : keys) {
          if (has(key)) {
            copy(key, element, channelIds, owners, writer, events);
          }
        }
      }
      writer.add(events.createEndElement("", "", "tv"));
      writer.add(events.createCharacters("\n"));
      writer.add(events.createEndDocument());
      writer.flush();
    } catch (XMLStreamException e) {
      throw new IOException("Could not write the guide", e);
    }
  }

  private void copy(
      String key,
      String element,
      Set<String> channelIds,
      Map<String, String> owners,
      XMLEventWriter writer,
      XMLEventFactory events)
      throws IOException, XMLStreamException {
    boolean channels = element.equals("channel");
    QName idName = channels ? ID : CHANNEL;
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file(key))), 1 << 16)) {
      XMLEventReader reader = inputFactory().createXMLEventReader(in);
      int depth = 0;
      int copying = 0; // depth of the element being copied, 0 when none
      while (reader.hasNext()) {
        XMLEvent event = reader.nextEvent();
        if (event.isStartElement()) {
          depth++;
          StartElement start = event.asStartElement();
          if (copying == 0 && depth == 2 && start.getName().getLocalPart().equals(element)) {
            Attribute id = start.getAttributeByName(idName);
            String value = id == null ? null : id.getValue();
            boolean wanted =
                value != null
                    && channelIds.contains(value)
                    && (channels
                        ? owners.putIfAbsent(value, key) == null
                        : key.equals(owners.get(value)));
            if (wanted) {
              copying = depth;
            }
          }
        }
        if (copying > 0) {
          writer.add(event);
        }
        if (event.isEndElement()) {
          if (copying == depth) {
            copying = 0;
            writer.add(events.createCharacters("\n"));
          }
          depth--;
        }
      }
    }
  }

  /** A provider's answer that is not an XMLTV guide. */
  public static class InvalidGuideException extends IOException {
    public InvalidGuideException(String reason) {
      super("Not an XMLTV guide: " + reason);
    }
  }
}
