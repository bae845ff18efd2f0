package dev.lineup.playlist.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class M3uWriterTest {
  @Test
  void writesTheHeaderAndOneExtinfLinePlusUrlPerChannel() throws Exception {
    StringWriter out = new StringWriter();
    M3uWriter m3u = new M3uWriter(out);
    m3u.header("http://lineup.local/epg/1.xml");
    m3u.entry("cnn.us", "CNN", "http://logo/cnn.png", 7, "US| NEWS", "http://p/live/u/p/1.ts");
    m3u.entry(null, "No Logo", null, null, null, "http://p/live/u/p/2.ts");
    assertEquals(
        "#EXTM3U x-tvg-url=\"http://lineup.local/epg/1.xml\"\n"
            + "#EXTINF:-1 tvg-id=\"cnn.us\" tvg-name=\"CNN\" tvg-logo=\"http://logo/cnn.png\""
            + " tvg-chno=\"7\" group-title=\"US| NEWS\",CNN\n"
            + "http://p/live/u/p/1.ts\n"
            + "#EXTINF:-1 tvg-name=\"No Logo\",No Logo\n"
            + "http://p/live/u/p/2.ts\n",
        out.toString());
    assertEquals(2, m3u.entries());
  }

  @Test
  void quotesCommasAndLineBreaksCannotBreakALine() throws Exception {
    StringWriter out = new StringWriter();
    M3uWriter m3u = new M3uWriter(out);
    m3u.entry(
        "a\"b", "Sky Sports, \"Main\"\nEvent", null, null, "Group \"X\"\r\n2", "http://u/1.ts\n");
    assertEquals(
        "#EXTINF:-1 tvg-id=\"a'b\" tvg-name=\"Sky Sports 'Main' Event\" group-title=\"Group 'X' 2\""
            + ",Sky Sports \"Main\" Event\n"
            + "http://u/1.ts\n",
        out.toString());
  }

  @Test
  void everyEntryHasATitleCleanedNameElseNameElseChannelAndItsNumberOrId() {
    assertEquals("CNN", M3uWriter.title("CNN", "US: CNN HD", "7"));
    assertEquals("US: CNN HD", M3uWriter.title(" ", "US: CNN HD", "7"));
    assertEquals("Channel 7", M3uWriter.title(null, "", "7"));
    assertEquals("Channel 8562", M3uWriter.title(",", " , ", "8562"));
  }

  @Test
  void controlCharactersAndUnicodeLineSeparatorsCannotBreakALine() throws Exception {
    StringWriter out = new StringWriter();
    new M3uWriter(out)
        .entry("id\u0000", "A\u2028B\u0085C\u000bD", null, null, "G\u2029H", "http://u/1.ts\u0000");
    assertEquals(
        "#EXTINF:-1 tvg-id=\"id\" tvg-name=\"A B C D\" group-title=\"G H\",A B C D\n"
            + "http://u/1.ts\n",
        out.toString());
  }

  @Test
  void streamOptionsAreWrittenAsAttributesAndOptionLinesAndUnknownOptionsAreDropped()
      throws Exception {
    StreamOptions options =
        StreamOptions.of(
            "{\"tvg-name\":\"X\",\"catchup\":\"default\",\"catchup-days\":\"7\","
                + "\"status\":\"online\",\"options\":["
                + "\"#EXTVLCOPT:http-user-agent=Agent/1.0\","
                + "\"#EXTVLCOPT:http-referrer=https://ref.example/\","
                + "\"#EXTVLCOPT:sout=#std{access=file}\","
                + "\"#KODIPROP:inputstream.adaptive.manifest_type=mpd\","
                + "\"#KODIPROP:something-else=1\"]}");
    StringWriter out = new StringWriter();
    new M3uWriter(out).entry("x", "X", null, null, "G", "http://u/1.m3u8", options);
    assertEquals(
        "#EXTINF:-1 tvg-id=\"x\" tvg-name=\"X\" group-title=\"G\" user-agent=\"Agent/1.0\""
            + " referrer=\"https://ref.example/\" catchup=\"default\" catchup-days=\"7\",X\n"
            + "#EXTVLCOPT:http-user-agent=Agent/1.0\n"
            + "#EXTVLCOPT:http-referrer=https://ref.example/\n"
            + "#KODIPROP:inputstream.adaptive.manifest_type=mpd\n"
            + "http://u/1.m3u8\n",
        out.toString());
  }

  @Test
  void aUserAgentAttributeAlsoBecomesAVlcOptionAndHostileQuotesAreNeutralised() {
    StreamOptions options =
        StreamOptions.of("{\"user-agent\":\"Agent \\\"2\\\"\",\"referrer\":\"\"}");
    assertEquals(java.util.Map.of("user-agent", "Agent '2'"), options.attributes());
    assertEquals(java.util.List.of("#EXTVLCOPT:http-user-agent=Agent '2'"), options.lines());
    assertEquals(StreamOptions.NONE, StreamOptions.of(null));
    assertEquals(StreamOptions.NONE, StreamOptions.of("not json"));
    assertEquals(StreamOptions.NONE, StreamOptions.of("[1]"));
  }
}
