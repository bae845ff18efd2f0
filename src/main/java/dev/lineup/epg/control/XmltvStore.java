package dev.lineup.epg.control;

import dev.lineup.provider.control.CountedInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * XMLTV guides on disk, one gzip file per account. Storing parses the provider's answer with StAX
 * events (never a DOM) and keeps each {@code <channel>} and {@code <programme>} as a record: its
 * channel id and its XML, serialised once. Serving a playlist's guide then only inflates the files
 * and copies the records whose id the playlist holds — no XML is parsed per download. See
 * docs/adr/0004-epg-storage.md.
 *
 * <p>File layout (inside gzip, {@link DataOutputStream} encoding): the magic {@code LGD1}, the
 * channel and programme counts, then every channel record ({@code 'C'}, id, length, bytes), then
 * every programme record ({@code 'P'}, ...), then {@code 'E'}. The programme records are a second
 * gzip member appended to the first, so storing needs no second parse.
 *
 * <p>Over 400 lines, kept whole: it is one file format, written (from the provider's XML) and read
 * (into a playlist's guide) here, so its layout has a single home.
 */
public final class XmltvStore {
  private static final QName ID = new QName("id");
  private static final QName CHANNEL = new QName("channel");
  private static final int MAGIC = 0x4c474431; // "LGD1"
  private static final byte[] HEAD =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n"
              + "<tv generator-info-name=\"Lineup\">\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAIL = "</tv>\n".getBytes(StandardCharsets.UTF_8);

  /** What a stored guide holds. */
  public record Stats(int channels, int programmes, long bytes) {}

  /** Longer ids cannot be a channel's (its epg_channel_id holds 255 characters). */
  private static final int MAX_ID = 255;

  /** A guide's default bounds: 4 GiB of XML, 1 MiB per channel or programme. */
  public static final long DEFAULT_MAX_BYTES = 4L << 30;

  public static final int DEFAULT_MAX_ELEMENT_BYTES = 1 << 20;

  private final Path dir;
  private final long maxBytes;
  private final int maxElementBytes;

  public XmltvStore(Path dir) {
    this(dir, DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENT_BYTES);
  }

  /**
   * @param maxBytes the most XML a guide may hold once unpacked (a gzip bomb stops there)
   * @param maxElementBytes the most one {@code <channel>} or {@code <programme>} may hold
   */
  public XmltvStore(Path dir, long maxBytes, int maxElementBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxElementBytes = maxElementBytes;
  }

  /**
   * The file of a guide; {@code key} names its account (id and creation time, so a guide never
   * outlives its account into a new one with the same id).
   */
  public Path file(String key) {
    return dir.resolve(name(key) + ".guide.gz");
  }

  /** The files' common name: {@code account-{key}} for accounts' guides, the key for sources'. */
  private static String name(String key) {
    return key.startsWith("source-") ? key : "account-" + key;
  }

  public boolean has(String key) {
    return Files.isRegularFile(file(key));
  }

  /** When the guide was stored, or null without one. */
  public Instant storedAt(String key) {
    try {
      return Files.getLastModifiedTime(file(key)).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  /** The counts of a stored guide (read from its head), or null without one. */
  public Stats stats(String key) {
    try (DataInputStream in = open(key)) {
      int channels = in.readInt();
      int programmes = in.readInt();
      return new Stats(channels, programmes, Files.size(file(key)));
    } catch (IOException e) {
      return null;
    }
  }

  /** Why the account's last refresh failed, and when; null when it did not. */
  public record Failure(Instant at, String message) {}

  /** Records why a refresh failed (the stored guide, if any, stays). */
  public void failed(String key, String message) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, name(key) + "-", ".tmp");
      Files.writeString(temp, message, StandardCharsets.UTF_8);
      Files.move(temp, failureFile(key), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last refresh's failure, or null when the last refresh stored the guide. */
  public Failure failure(String key) {
    Path file = failureFile(key);
    try {
      return new Failure(
          Files.getLastModifiedTime(file).toInstant(),
          Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  private Path failureFile(String key) {
    return dir.resolve(name(key) + ".failure.txt");
  }

  public void delete(String key) {
    try {
      Files.deleteIfExists(failureFile(key));
      Files.deleteIfExists(file(key));
      Files.deleteIfExists(index(key).file());
      Files.deleteIfExists(dir.resolve(name(key) + ".xml.gz")); // first format, issue 6
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
   * Channels and programmes without an id are dropped: no playlist can ask for them. A gzip body (a
   * {@code .xml.gz} guide) is unpacked.
   *
   * @throws InvalidGuideException when the body is not an XMLTV document
   */
  public Stats store(String key, InputStream xml) throws IOException {
    Files.createDirectories(dir);
    Path head = Files.createTempFile(dir, name(key) + "-", ".tmp");
    Path programmes = Files.createTempFile(dir, name(key) + "-", ".tmp");
    try {
      Counts counts = new Counts();
      try (DataOutputStream channelOut = gzip(head);
          DataOutputStream programmeOut = gzip(programmes)) {
        split(new Bounded(uncompressed(xml)), channelOut, programmeOut, counts);
        programmeOut.writeByte('E');
      } catch (ZipException e) {
        throw new InvalidGuideException("its gzip compression is corrupt: " + e.getMessage());
      }
      // The counts lead the file, so the channel member is written again in front of them.
      Path file = Files.createTempFile(dir, name(key) + "-", ".tmp");
      try {
        try (DataOutputStream out = gzip(file);
            DataInputStream channels = open(head, false)) {
          out.writeInt(MAGIC);
          out.writeInt(counts.channels);
          out.writeInt(counts.programmes);
          channels.transferTo(out);
        }
        try (OutputStream out =
            Files.newOutputStream(file, StandardOpenOption.APPEND)) { // second gzip member
          Files.copy(programmes, out);
        }
        Files.move(
            file, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir.resolve(name(key) + ".xml.gz")); // first format, issue 6
      Files.deleteIfExists(failureFile(key));
      return new Stats(counts.channels, counts.programmes, Files.size(file(key)));
    } finally {
      Files.deleteIfExists(head);
      Files.deleteIfExists(programmes);
    }
  }

  /** The body as XML: guides are often served as .xml.gz, with or without Content-Encoding. */
  private static InputStream uncompressed(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** Room for the parser's read-ahead when one element's bytes are counted from the stream. */
  private static final int READ_AHEAD = 64 * 1024;

  /**
   * The body, failing once it has given more than {@link #maxBytes} in all, or more than an
   * element's cap since {@link #elementStarts()}. Counting the raw bytes (not what is kept) bounds
   * what the parser holds: it reads a text or an attribute value whole before it hands it over, and
   * an element's dropped content is never written, so it cannot be measured afterwards.
   */
  private final class Bounded extends CountedInputStream {
    private long read;
    private long sinceStart;

    Bounded(InputStream in) {
      super(in);
    }

    /** A top-level element starts (or none is open): its bytes are counted from here. */
    void elementStarts() {
      sinceStart = 0;
    }

    @Override
    protected void counted(int n) throws InvalidGuideException {
      read += n;
      sinceStart += n;
      if (read > maxBytes) {
        throw new InvalidGuideException(
            "it holds more than " + (maxBytes >> 20) + " MiB of XML (GUIDE_MAX_MB)");
      }
      if (sinceStart > (long) maxElementBytes + READ_AHEAD) {
        throw new InvalidGuideException(
            "one of its elements is larger than " + maxElementBytes / 1024 + " KiB");
      }
    }
  }

  private static final class Counts {
    int channels;
    int programmes;
  }

  /** Parses the document and writes one record per channel and programme. */
  private void split(
      Bounded xml, DataOutputStream channels, DataOutputStream programmes, Counts counts)
      throws IOException {
    try {
      XMLEventReader reader = inputFactory().createXMLEventReader(xml);
      ByteArrayOutputStream element = new ByteArrayOutputStream(4096);
      XMLEventWriter writer = XMLOutputFactory.newInstance().createXMLEventWriter(element, "UTF-8");
      boolean root = false;
      int depth = 0;
      int dropped = 0; // depth inside an element that is not XMLTV's (0: none)
      DataOutputStream target = null; // where the element being copied goes, null when none
      String id = null;
      String name = null;
      while (reader.hasNext()) {
        XMLEvent event = reader.nextEvent();
        if (event.isStartElement()) {
          StartElement start = event.asStartElement();
          String local = start.getName().getLocalPart();
          if (!root) {
            if (!local.equals("tv")) {
              throw new InvalidGuideException("the document is <" + local + ">, not <tv>");
            }
            root = true;
          }
          depth++;
          if (depth == 2) {
            xml.elementStarts();
            boolean channel = local.equals("channel");
            Attribute attribute = start.getAttributeByName(channel ? ID : CHANNEL);
            id = attribute == null ? null : attribute.getValue().trim();
            if ((channel || local.equals("programme"))
                && start.getName().getNamespaceURI().isEmpty()
                && id != null
                && !id.isEmpty()
                && id.length() <= MAX_ID) {
              target = channel ? channels : programmes;
              name = local;
              element.reset();
              dropped = 0;
            }
          }
          if (target != null) {
            StartElement clean = dropped > 0 ? null : XmltvVocabulary.clean(start);
            if (clean == null) {
              dropped++;
            } else {
              writer.add(clean);
            }
          }
        } else if (event.isEndElement()) {
          if (target != null) {
            if (dropped > 0) {
              dropped--;
            } else {
              writer.add(XmltvVocabulary.end(event.asEndElement().getName().getLocalPart()));
            }
          }
          if (depth == 2 && target != null) {
            writer.flush();
            target.writeByte(target == channels ? 'C' : 'P');
            target.writeUTF(id);
            target.writeInt(element.size());
            element.writeTo(target);
            if (target == channels) {
              counts.channels++;
            } else {
              counts.programmes++;
            }
            target = null;
          }
          depth--;
        } else if (target != null && dropped == 0 && event.isCharacters()) {
          writer.add(event); // text only: comments, processing instructions and DTDs are dropped
        }
        if (depth <= 1) {
          xml.elementStarts(); // between top-level elements
        }
        if (target != null && element.size() > maxElementBytes) {
          throw new InvalidGuideException(
              "one <"
                  + name
                  + "> (channel "
                  + (id.length() > 60 ? id.substring(0, 60) + "…" : id)
                  + ") is larger than "
                  + maxElementBytes / 1024
                  + " KiB");
        }
      }
      if (!root) {
        throw new InvalidGuideException("the answer holds no XML document");
      }
      if (depth != 0) {
        throw new InvalidGuideException("the document ends early");
      }
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof IOException io) {
        throw io; // a bound was hit, or the body broke off
      }
      throw new InvalidGuideException("it is not well-formed XML: " + e.getMessage());
    }
  }

  /** Which channels of which guide an output wants. */
  @FunctionalInterface
  public interface Wanted {
    boolean wants(String key, String channelId);
  }

  /**
   * Writes one XMLTV document with the {@code <channel>} and then the {@code <programme>} elements
   * of the guides ({@code keys}, in order) that {@code wanted} asks for. A channel id several
   * guides give comes once, with the programmes of the first guide that gave it.
   */
  public void write(List<String> keys, Wanted wanted, OutputStream out) throws IOException {
    out.write(HEAD);
    Map<String, String> owners = new HashMap<>(); // channel id → key of the guide it is from
    byte[] buffer = new byte[8192];
    for (boolean channels : new boolean[] {true, false}) {
      for (String key : keys) {
        if (!has(key)) {
          continue;
        }
        try (DataInputStream in = open(key)) {
          in.readInt();
          in.readInt();
          while (true) {
            byte type = in.readByte();
            if (type == 'E' || (channels && type == 'P')) {
              break;
            }
            String id = in.readUTF();
            int length = in.readInt();
            boolean wanting =
                (type == 'C') == channels
                    && wanted.wants(key, id)
                    && (channels
                        ? owners.putIfAbsent(id, key) == null
                        : key.equals(owners.get(id)));
            if (!wanting) {
              in.skipNBytes(length);
              continue;
            }
            if (buffer.length < length + 1) {
              buffer = new byte[Math.max(length + 1, buffer.length * 2)];
            }
            in.readFully(buffer, 0, length);
            buffer[length] = '\n';
            out.write(buffer, 0, length + 1);
          }
        } catch (EOFException e) {
          throw new IOException("The stored guide " + file(key) + " is cut off", e);
        }
      }
    }
    out.write(TAIL);
    out.flush();
  }

  /**
   * Gives each programme record of a stored guide, in the order stored, to {@code sink} (its
   * channel id and its XML): what {@link ProgrammeIndex} is built from.
   */
  public void programmes(String key, ProgrammeIndex.ProgrammeSink sink) throws IOException {
    try (DataInputStream in = open(key)) {
      in.readInt();
      in.readInt();
      byte[] buffer = new byte[8192];
      while (true) {
        byte type = in.readByte();
        if (type == 'E') {
          return;
        }
        String id = in.readUTF();
        int length = in.readInt();
        if (type != 'P') {
          in.skipNBytes(length);
          continue;
        }
        if (buffer.length < length) {
          buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        in.readFully(buffer, 0, length);
        sink.accept(id, buffer, length);
      }
    } catch (EOFException e) {
      throw new IOException("The stored guide " + file(key) + " is cut off", e);
    }
  }

  /** A guide's channel: its id and every display name. */
  public record GuideChannel(String id, List<String> displayNames) {}

  /** Where a stored guide's channels go, one by one. */
  @FunctionalInterface
  public interface ChannelSink {
    void accept(GuideChannel channel);
  }

  /**
   * Gives each {@code <channel>} of a stored guide, in the order stored, to {@code sink} with its
   * display names (in their order, blank ones left out); reads only the channel records.
   */
  public void channels(String key, ChannelSink sink) throws IOException {
    XMLInputFactory factory = inputFactory();
    try (DataInputStream in = open(key)) {
      in.readInt();
      in.readInt();
      byte[] buffer = new byte[8192];
      while (true) {
        byte type = in.readByte();
        if (type != 'C') {
          return;
        }
        String id = in.readUTF();
        int length = in.readInt();
        if (buffer.length < length) {
          buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        in.readFully(buffer, 0, length);
        sink.accept(channel(factory, id, buffer, length));
      }
    } catch (EOFException e) {
      throw new IOException("The stored guide " + file(key) + " is cut off", e);
    }
  }

  private static final QName DISPLAY_NAME = new QName("display-name");

  private static GuideChannel channel(XMLInputFactory factory, String id, byte[] xml, int length)
      throws IOException {
    List<String> names = new java.util.ArrayList<>(2);
    try {
      XMLEventReader reader =
          factory.createXMLEventReader(new java.io.ByteArrayInputStream(xml, 0, length), "UTF-8");
      StringBuilder text = null;
      while (reader.hasNext()) {
        XMLEvent event = reader.nextEvent();
        if (event.isStartElement()) {
          StartElement start = event.asStartElement();
          if (start.getName().equals(DISPLAY_NAME)) {
            text = new StringBuilder();
          }
        } else if (event.isCharacters() && text != null) {
          text.append(event.asCharacters().getData());
        } else if (event.isEndElement()
            && event.asEndElement().getName().equals(DISPLAY_NAME)
            && text != null) {
          String name = text.toString().strip();
          if (!name.isEmpty() && names.size() < 16) {
            names.add(name.length() > 255 ? name.substring(0, 255) : name);
          }
          text = null;
        }
      }
    } catch (XMLStreamException e) {
      // stored records were parsed once already; a broken one gives what it had
    }
    return new GuideChannel(id, List.copyOf(names));
  }

  /** The programme index of a stored guide (built by {@link GuideProgrammes}). */
  public ProgrammeIndex index(String key) {
    return new ProgrammeIndex(dir.resolve(name(key) + ".programmes"));
  }

  /** Opens a stored guide past its magic number. */
  private DataInputStream open(String key) throws IOException {
    DataInputStream in = open(file(key), true);
    if (in.readInt() != MAGIC) {
      in.close();
      throw new IOException(file(key) + " is not a stored guide");
    }
    return in;
  }

  private static DataInputStream open(Path file, boolean buffered) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return new DataInputStream(
        buffered
            ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
            : new GZIPInputStream(raw, 1 << 16));
  }

  private static DataOutputStream gzip(Path file) throws IOException {
    return new DataOutputStream(
        new BufferedOutputStream(
            new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16));
  }

  /** A provider's answer that is not an XMLTV guide. */
  public static class InvalidGuideException extends IOException {
    public InvalidGuideException(String reason) {
      super("Not an XMLTV guide: " + reason);
    }
  }
}
