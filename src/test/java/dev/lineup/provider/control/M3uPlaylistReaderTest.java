package dev.lineup.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class M3uPlaylistReaderTest {
  static final URI SOURCE =
      URI.create("http://lists.example/get.php?username=alice&password=s3cret99");

  record Read(
      List<ProviderCategory> categories,
      List<ProviderChannel> channels,
      M3uPlaylistReader.Header header) {}

  static Read read(InputStream in) throws IOException {
    List<ProviderCategory> categories = new ArrayList<>();
    List<ProviderChannel> channels = new ArrayList<>();
    M3uPlaylistReader.Header header =
        M3uPlaylistReader.read(SOURCE, in, categories::add, channels::add);
    return new Read(categories, channels, header);
  }

  static Read read(String text) throws IOException {
    return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Read file(String name) throws IOException {
    try (InputStream in =
        M3uPlaylistReaderTest.class.getResourceAsStream("/provider/m3u/" + name)) {
      return read(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "iptv-org_us.m3u, 685",
    "iptv-org_cn_unicode.m3u, 530",
    "iptv-org_in_distro_vlcopts.m3u, 194",
    "iptv-org_generated_index_fixture.m3u, 12",
    "edge-cases/crlf_iptv-org_in_head.m3u, 19",
    "edge-cases/utf8_bom_iptv-org_us_head.m3u, 10",
    "edge-cases/no_header_iptv-org_in_head.m3u, 19"
  })
  void readsEveryEntryWithAUrlOfTheRealPlaylists(String file, int entries) throws IOException {
    Read read = file(file);
    assertEquals(entries, read.channels().size());
    assertEquals(
        entries, read.channels().stream().map(ProviderChannel::streamId).distinct().count());
    for (ProviderChannel channel : read.channels()) {
      assertFalse(channel.name().contains("\r"), "CRLF is not part of a name");
      assertFalse(channel.streamUrl().isBlank());
    }
  }

  @Test
  void readsAttributesGroupsAndTheEpgUrl() throws IOException {
    Read read = file("iptv-org_generated_index_fixture.m3u");
    assertEquals(
        "https://example2.com/guide.xml,https://example.com/guide.xml.gz", read.header().tvgUrl());
    ProviderChannel bbc =
        read.channels().stream()
            .filter(c -> c.name().equals("BBC News HD"))
            .findFirst()
            .orElseThrow();
    assertEquals("BBCNews.uk", bbc.epgChannelId());
    assertEquals("General;News", bbc.categoryId());
    assertTrue(bbc.streamIcon().startsWith("https://raw.githubusercontent.com/"));
    assertEquals(
        List.of("Undefined", "General;News", "Weather", "General"),
        read.categories().stream().map(ProviderCategory::name).toList());
    ProviderChannel andorra =
        read.channels().stream()
            .filter(c -> c.name().startsWith("Andorra TV"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        andorra.extras().contains("#EXTVLCOPT:http-referrer=http://imn.iq"), andorra.extras());
    assertTrue(andorra.extras().contains("\"http-referrer\":\"http://imn.iq\""));
    assertTrue(
        andorra.streamUrl().contains("|Referer="), "the URL is kept as the provider wrote it");
  }

  @Test
  void titleCommasInsideQuotedAttributesDoNotSplitTheName() throws IOException {
    Read read =
        read(
            "#EXTM3U\n#EXTINF:-1 tvg-id=\"a.b\" tvg-name=\"X, Y\" tvg-chno=\"7\" group-title=\"News, World\",CNN, International\nhttp://s.example/1.ts\n");
    ProviderChannel channel = read.channels().get(0);
    assertEquals("CNN, International", channel.name());
    assertEquals("News, World", channel.categoryId());
    assertEquals(7, channel.num());
    assertTrue(channel.extras().contains("\"tvg-name\":\"X, Y\""));
  }

  @Test
  void aTvgNameRepeatingTheTitleIsNotKeptTwice() throws IOException {
    Read read =
        read(
            "#EXTM3U\n#EXTINF:-1 tvg-id=\"a.b\" tvg-name=\"CNN\",CNN\nhttp://s.example/1.ts\n"
                + "#EXTINF:-1 tvg-name=\"BBC One\",\nhttp://s.example/2.ts\n"
                + "#EXTINF:-1 tvg-name=\"cnn\" catchup=\"xc\",CNN\nhttp://s.example/3.ts\n");
    assertNull(read.channels().get(0).extras(), "the name says it all");
    assertEquals("BBC One", read.channels().get(1).name(), "an empty title takes the tvg-name");
    assertNull(read.channels().get(1).extras());
    assertEquals(
        "{\"tvg-name\":\"cnn\",\"catchup\":\"xc\"}",
        read.channels().get(2).extras(),
        "a tvg-name that differs, even in case, is kept");
  }

  @Test
  void entriesWithoutAUrlAreSkippedAndOtherSchemesKept() throws IOException {
    Read read =
        read(
            "#EXTM3U\n#EXTINF:-1,No URL\n#EXTINF:-1,RTMP\nrtmp://media.example/live\n#EXTINF:-1,Kodi\nplugin://plugin.video.x/?id=1\n#EXTINF:-1,Last without URL\n");
    assertEquals(
        List.of("RTMP", "Kodi"), read.channels().stream().map(ProviderChannel::name).toList());
  }

  @Test
  void extGrpNamesTheGroupWhenGroupTitleIsMissing() throws IOException {
    Read read = read("#EXTM3U\n#EXTINF:-1,A\n#EXTGRP:Movies\nhttp://s.example/a\n");
    assertEquals("Movies", read.channels().get(0).categoryId());
  }

  @Test
  void htmlIsAFailedFetch() {
    ProviderException e =
        assertThrows(ProviderException.class, () -> file("edge-cases/html_error_page_not_m3u.m3u"));
    assertEquals(ProviderException.Kind.NOT_JSON, e.kind());
  }

  @Test
  void textThatIsNoPlaylistIsAFailedFetch() {
    assertThrows(ProviderException.class, () -> read("hello\nworld\n"));
    assertThrows(ProviderException.class, () -> read(""));
  }

  @Test
  void emptyPlaylistWithHeaderHasNoChannels() throws IOException {
    assertEquals(0, read("#EXTM3U\n").channels().size());
  }

  @Test
  void keyIgnoresCredentialsInTheStreamUrl() {
    Set<String> credentials = M3uPlaylistReader.credentialsIn(SOURCE);
    String key =
        M3uPlaylistReader.key(
            "cnn.us", "http://p.example:8080/live/alice/s3cret99/123.ts", credentials);
    String afterPasswordChange =
        M3uPlaylistReader.key(
            "cnn.us",
            "http://p.example:8080/live/alice/n3wpass42/123.ts",
            M3uPlaylistReader.credentialsIn(
                URI.create("http://lists.example/get.php?username=alice&password=n3wpass42")));
    assertEquals(key, afterPasswordChange);
    assertEquals(
        "http://p.example/live/*/*/1.ts?x=1",
        M3uPlaylistReader.withoutCredentials(
            "http://bob:pw@p.example/live/alice/s3cret99/1.ts?token=abc&x=1", credentials));
    assertNotEquals(
        key,
        M3uPlaylistReader.key(
            "other.us", "http://p.example:8080/live/alice/s3cret99/123.ts", credentials));
    assertEquals(32, key.length());
  }

  @Test
  void channelWithoutTitleTakesItsTvgName() throws IOException {
    ProviderChannel channel =
        read("#EXTM3U\n#EXTINF:-1 tvg-name=\"Named\",\nhttp://s.example/a\n").channels().get(0);
    assertEquals("Named", channel.name());
    assertNull(channel.categoryId());
  }

  @Test
  void aLineLongerThanTheLimitFailsTheFetchWithoutReadingOn() {
    // An endless first entry: the reader must give up at the limit, not wait for a line end.
    InputStream endless =
        new InputStream() {
          final byte[] head = "#EXTM3U\n#EXTINF:-1 tvg-name=\"".getBytes(StandardCharsets.UTF_8);
          long read;

          @Override
          public int read() {
            return read < head.length ? head[(int) read++] : 'x';
          }
        };
    ProviderException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(ProviderException.class, () -> read(endless)));
    assertEquals(ProviderException.Kind.MALFORMED, e.kind());
    assertEquals(
        "lists.example sent a line longer than 65,536 characters (line 2): that is no M3U"
            + " playlist.",
        e.detail());
  }

  @Test
  void aLineAsLongAsTheLimitIsRead() throws IOException {
    String extinf = "#EXTINF:-1 tvg-name=\"Long\",";
    String line = extinf + "z".repeat(M3uPlaylistReader.MAX_LINE - extinf.length());
    assertEquals(M3uPlaylistReader.MAX_LINE, line.length());
    Read read = read("#EXTM3U\r\n" + line + "\r\nhttp://s.example/a\r\n");
    assertEquals(1, read.channels().size());
  }

  @Test
  void linesEndWithLfCrOrCrLfEvenWhenSplitBetweenReads() throws IOException {
    // A reader handing out one character at a time splits every CRLF between two reads.
    java.io.Reader trickle =
        new java.io.StringReader("a\r\nb\rc\n\nd\r\n\r\ne") {
          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1));
          }
        };
    M3uPlaylistReader.Lines lines = new M3uPlaylistReader.Lines(trickle, 10);
    List<String> read = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      read.add(line);
    }
    assertEquals(List.of("a", "b", "c", "", "d", "", "e"), read);
  }

  /** What the attribute scanner must find: the regex it replaced, with find()'s semantics. */
  private static java.util.Map<String, String> attributesByRegex(String text) {
    java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([A-Za-z0-9_-]+)=\"([^\"]*)\"").matcher(text);
    while (m.find()) {
      found.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    return found;
  }

  @Test
  void attributesAreTheOnesTheRegexFoundOnTrickyAndRandomLines() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "#EXTINF:-1 tvg-id=\"a.uk\" tvg-name=\"A, B\" group-title=\"G\",Title",
                "#EXTINF:-1 TVG-ID=\"up\" tvg-id=\"low\",x",
                "#EXTINF:-1 a=\"unclosed,title",
                "#EXTINF:-1 a= \"spaced\" b==\"double\" c=\"\" =\"noname\"",
                "#EXTINF:-1 x=\"1\"y=\"2\" z-_9=\"3\"",
                "#EXTINF:-1 é=\"accent\" naïve=\"v\"",
                "#EXTINF:-1 a=\"q\"\"b=\"c\"",
                "",
                "=\"",
                "a=\""));
    java.util.Random random = new java.util.Random(7);
    String alphabet = "aZ0_-=\" ,é";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      lines.add(line.toString());
    }
    for (String line : lines) {
      assertEquals(
          List.copyOf(attributesByRegex(line).entrySet()),
          List.copyOf(M3uPlaylistReader.attributes(line).entrySet()),
          line);
    }
  }
}
