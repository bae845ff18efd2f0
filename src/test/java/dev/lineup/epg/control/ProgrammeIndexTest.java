package dev.lineup.epg.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.epg.control.ProgrammeIndex.Programme;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgrammeIndexTest {
  @TempDir Path dir;

  private XmltvStore stored(String xml) throws Exception {
    XmltvStore store = new XmltvStore(dir);
    store.store("1", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return store;
  }

  private static ProgrammeIndex built(XmltvStore store) throws Exception {
    ProgrammeIndex index = store.index("1");
    index.build(store.file("1"), sink -> store.programmes("1", sink));
    return index;
  }

  @Test
  void aChannelsProgrammesComeBackInStartOrderWithTheirTextUnescaped() throws Exception {
    XmltvStore store =
        stored(
            """
            <tv>
              <channel id="bbc1.uk"><display-name>BBC One</display-name></channel>
              <programme start="20261130110000 +0000" stop="20261130120000 +0000" channel="bbc1.uk">
                <title lang="en">Later &amp; more</title><desc>Rock &lt;live&gt; &#233;t&#xE9;</desc>
              </programme>
              <programme start="20261130100000 +0100" stop="20261130103000 +0100" channel="bbc1.uk">
                <title>Breakfast "news"</title></programme>
              <programme start="20261130100000 +0000" channel="BBC1.uk"><title>Other case</title></programme>
              <programme channel="bbc1.uk"><title>No start: dropped</title></programme>
            </tv>
            """);
    List<Programme> bbc = built(store).programmes("bbc1.uk");
    assertEquals(2, bbc.size(), bbc.toString());
    assertEquals(
        new Programme(1_796_029_200L, 1_796_031_000L, "Breakfast \"news\"", "", ""), bbc.get(0));
    Programme later = bbc.get(1);
    assertEquals(1_796_036_400L, later.start());
    assertEquals(1_796_040_000L, later.stop());
    assertEquals("Later & more", later.title());
    assertEquals("Rock <live> été", later.description());
    assertEquals("en", later.lang());
    // Ids are exact: another case is another channel; an unknown id has nothing.
    assertEquals(List.of("Other case"), titles(store.index("1").programmes("BBC1.uk")));
    assertEquals(List.of(), store.index("1").programmes("nobody"));
  }

  @Test
  void thousandsOfChannelsEachFindTheirOwn() throws Exception {
    StringBuilder xml = new StringBuilder("<tv>");
    for (int c = 0; c < 5_000; c++) {
      for (int h = 0; h < 3; h++) {
        xml.append("<programme start=\"202611301")
            .append(h)
            .append("0000 +0000\" channel=\"ch")
            .append(c)
            .append("\"><title>")
            .append(c)
            .append('/')
            .append(h)
            .append("</title></programme>");
      }
    }
    ProgrammeIndex index = built(stored(xml.append("</tv>").toString()));
    for (int c : new int[] {0, 1, 777, 4_999}) {
      assertEquals(List.of(c + "/0", c + "/1", c + "/2"), titles(index.programmes("ch" + c)));
    }
  }

  @Test
  void anIndexIsCurrentOnlyForTheGuideFileItWasBuiltFrom() throws Exception {
    XmltvStore store =
        stored(
            "<tv><programme start=\"20261130100000\" channel=\"a\"><title>A</title></programme></tv>");
    ProgrammeIndex index = store.index("1");
    assertFalse(index.current(store.file("1")), "not built yet");
    built(store);
    assertTrue(index.current(store.file("1")));
    Files.setLastModifiedTime(store.file("1"), FileTime.fromMillis(0));
    assertFalse(index.current(store.file("1")), "the guide was stored again");
    store.delete("1");
    assertFalse(Files.exists(index.file()), "deleting the guide deletes its index");
  }

  @Test
  void xmltvTimesWithAndWithoutSecondsAndZones() {
    assertEquals(1_796_032_800L, ProgrammeIndex.time("20261130100000 +0000"));
    assertEquals(1_796_032_800L, ProgrammeIndex.time("202611301000"));
    assertEquals(1_796_029_200L, ProgrammeIndex.time("20261130100000 +0100"));
    assertEquals(1_796_050_800L, ProgrammeIndex.time("20261130100000 -0500"));
    assertEquals(0, ProgrammeIndex.time("2026"));
    assertEquals(0, ProgrammeIndex.time("20261399100000"));
    assertEquals(0, ProgrammeIndex.time(null));
  }

  private static List<String> titles(List<Programme> programmes) {
    return programmes.stream().map(Programme::title).toList();
  }
}
