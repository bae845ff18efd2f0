package dev.lineup.epg.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmltvStoreTest {
  @TempDir Path dir;

  static InputStream xml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  String served(XmltvStore guides, Set<String> ids) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    guides.write(List.of("1"), (key, id) -> ids.contains(id), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void channelIdsThatDifferOnlyInCaseAreTwoChannels() throws Exception {
    XmltvStore guides = new XmltvStore(dir);
    guides.store(
        "1",
        xml(
            "<tv><channel id=\"itv4.uk\"><display-name>ITV4</display-name></channel>"
                + "<channel id=\"ITV4.uk\"><display-name>ITV 4</display-name></channel>"
                + "<programme start=\"20261130060000 +0000\" channel=\"ITV4.uk\">"
                + "<title>Upper</title></programme>"
                + "<programme start=\"20261130060000 +0000\" channel=\"itv4.uk\">"
                + "<title>Lower</title></programme></tv>"));
    String both = served(guides, Set.of("itv4.uk", "ITV4.uk"));
    assertTrue(both.contains("<channel id=\"itv4.uk\">"), both);
    assertTrue(both.contains("<channel id=\"ITV4.uk\">"), both);
    assertTrue(both.contains("Upper") && both.contains("Lower"), both);
    String upper = served(guides, Set.of("ITV4.uk"));
    assertFalse(upper.contains("\"itv4.uk\""), upper);
    assertFalse(upper.contains("Lower"), upper);
  }

  @Test
  void onlyXmltvsOwnElementsAndAttributesAreStored() throws Exception {
    XmltvStore guides = new XmltvStore(dir);
    guides.store(
        "1",
        xml(
            "<?xml version=\"1.0\"?><?xml-stylesheet href=\"evil.xsl\"?><tv>"
                + "<channel id=\"a.uk\" onload=\"alert(1)\" xmlns:h=\"http://www.w3.org/1999/xhtml\">"
                + "<display-name lang=\"en\">A</display-name>"
                + "<icon src=\"javascript:alert(1)\"/><icon src=\"https://logo.example/a.png\"/>"
                + "<h:script>alert(2)</h:script></channel>"
                + "<programme start=\"20261130060000 +0000\" channel=\"a.uk\"><title>Show</title>"
                + "<desc lang=\"en\">Safe <script xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "fetch('/api/session')</script>text<!-- hidden --><b>bold</b></desc>"
                + "<desc xmlns=\"http://www.w3.org/1999/xhtml\">html desc</desc>"
                + "<category lang=\"en\" xml:lang=\"en\" style=\"x\">News</category>"
                + "</programme></tv>"));
    String guide = served(guides, Set.of("a.uk"));
    assertTrue(guide.contains("<display-name lang=\"en\">A</display-name>"), guide);
    assertTrue(guide.contains("<icon src=\"https://logo.example/a.png\">"), guide);
    assertTrue(guide.contains("<desc lang=\"en\">Safe text</desc>"), guide);
    assertTrue(guide.contains("<category lang=\"en\">News</category>"), guide);
    for (String gone :
        List.of(
            "script",
            "alert",
            "fetch",
            "onload",
            "xmlns",
            "javascript",
            "hidden",
            "bold",
            "html desc",
            "style",
            "xml:lang",
            "stylesheet")) {
      assertFalse(guide.contains(gone), gone + " in " + guide);
    }
  }

  @Test
  void anOversizedElementFailsTheGuideAndKeepsThePreviousOne() throws Exception {
    XmltvStore guides = new XmltvStore(dir, 1 << 30, 4096);
    guides.store(
        "1", xml("<tv><channel id=\"a.uk\"><display-name>A</display-name></channel></tv>"));
    XmltvStore.InvalidGuideException big =
        assertThrows(
            XmltvStore.InvalidGuideException.class,
            () ->
                guides.store(
                    "1",
                    xml(
                        "<tv><programme channel=\"a.uk\"><desc>"
                            + "x".repeat(5000)
                            + "</desc></programme></tv>")));
    assertTrue(
        big.getMessage().contains("<programme> (channel a.uk) is larger than 4 KiB"),
        big.getMessage());
    assertEquals(1, guides.stats("1").channels());
    assertEquals(0, guides.stats("1").programmes());
  }

  @Test
  void aGzipBombStopsAtTheSizeCap() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write("<tv>".getBytes(StandardCharsets.UTF_8));
      byte[] spaces = " ".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 64; i++) { // 4 MiB of XML in a few KiB
        out.write(spaces);
      }
      out.write("</tv>".getBytes(StandardCharsets.UTF_8));
    }
    XmltvStore guides = new XmltvStore(dir, 1 << 20, 8 << 20); // the whole guide's cap comes first
    XmltvStore.InvalidGuideException bomb =
        assertThrows(
            XmltvStore.InvalidGuideException.class,
            () -> guides.store("1", new ByteArrayInputStream(zipped.toByteArray())));
    assertTrue(bomb.getMessage().contains("more than 1 MiB of XML"), bomb.getMessage());
    assertFalse(guides.has("1"));
  }

  @Test
  void aFailureIsRecordedUntilTheNextGuideIsStored() throws Exception {
    XmltvStore guides = new XmltvStore(dir);
    assertNull(guides.failure("1"));
    guides.failed("1", "Not an XMLTV guide: the document ends early");
    assertNotNull(guides.failure("1"));
    assertEquals("Not an XMLTV guide: the document ends early", guides.failure("1").message());
    guides.store("1", xml("<tv></tv>"));
    assertNull(guides.failure("1"));
  }

  /** {@code head}, then {@code size} times 'a', then {@code tail}; counts what was read of it. */
  static final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final long size;
    long position;

    Generated(String head, long size, String tail) {
      this.head = head.getBytes(StandardCharsets.UTF_8);
      this.tail = tail.getBytes(StandardCharsets.UTF_8);
      this.size = size;
    }

    @Override
    public int read() {
      long total = head.length + size + tail.length;
      if (position >= total) {
        return -1;
      }
      long at = position++;
      if (at < head.length) {
        return head[(int) at];
      }
      return at < head.length + size ? 'a' : tail[(int) (at - head.length - size)];
    }
  }

  @Test
  void aGiantTextAttributeOrDroppedElementFailsBeforeItIsReadWhole() throws Exception {
    XmltvStore guides = new XmltvStore(dir, 1L << 40, 1 << 20);
    for (String[] shape :
        new String[][] {
          {"<tv><programme channel=\"a.uk\"><desc>", "</desc></programme></tv>"},
          {"<tv><programme channel=\"a.uk\"><title lang=\"", "\">T</title></programme></tv>"},
          {"<tv><programme channel=\"a.uk\"><junk>", "</junk></programme></tv>"},
          {"<tv><unknown>", "</unknown></tv>"}
        }) {
      Generated body = new Generated(shape[0], 300L << 20, shape[1]); // 300 MiB
      XmltvStore.InvalidGuideException big =
          assertThrows(XmltvStore.InvalidGuideException.class, () -> guides.store("1", body));
      assertTrue(big.getMessage().contains("larger than 1024 KiB"), big.getMessage());
      assertTrue(body.position < 3L << 20, shape[0] + ": read " + body.position + " bytes");
    }
  }
}
