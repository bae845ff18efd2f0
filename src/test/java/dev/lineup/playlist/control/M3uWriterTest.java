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
}
