package dev.lineup.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XtreamListTest {
  static final URI PANEL = URI.create("http://panel.example:8080/player_api.php");

  static List<JsonObject> read(String json) throws IOException {
    return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static List<JsonObject> read(InputStream in) throws IOException {
    List<JsonObject> items = new ArrayList<>();
    XtreamClient.readList(PANEL, in, items::add);
    return items;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"eternal, 2607, 29", "hellraiser, 4950, 50", "iris, 8623, 86", "tnt, 3462, 42"})
  void readsEveryItemOfTheRealCaptures(String provider, int streams, int categories)
      throws IOException {
    try (InputStream in = capture(provider, "get_live_streams.json")) {
      assertEquals(streams, read(in).size());
    }
    try (InputStream in = capture(provider, "get_live_categories.json")) {
      assertEquals(categories, read(in).size());
    }
  }

  @Test
  void mapsTheQuirksOfRealChannels() throws IOException {
    List<ProviderChannel> channels = new ArrayList<>();
    try (InputStream in = capture("eternal", "get_live_streams.json")) {
      for (JsonObject item : read(in)) {
        channels.add(XtreamClient.channel(item));
      }
    }
    ProviderChannel first = channels.get(0);
    assertEquals("21467", first.streamId());
    assertEquals("24/7 COPS (ETV)", first.name());
    assertEquals("34", first.categoryId());
    assertEquals(null, first.streamIcon(), "empty icon becomes null");
    assertEquals(null, first.epgChannelId());
    assertEquals(1512103894L, first.added());
    assertEquals(
        channels.size(), channels.stream().map(ProviderChannel::streamId).distinct().count());
  }

  @Test
  void acceptsAnObjectKeyedByIndex() throws IOException {
    assertEquals(2, read("{\"0\":{\"stream_id\":1},\"1\":{\"stream_id\":2}}").size());
  }

  @Test
  void acceptsLeadingWhitespaceAndAByteOrderMark() throws IOException {
    assertEquals(1, read("\uFEFF \n[{\"stream_id\":1}]").size());
  }

  @Test
  void emptyListIsEmpty() throws IOException {
    assertEquals(0, read("[]").size());
  }

  @Test
  void categoryIdsArrayStandsInForAMissingCategoryId() throws IOException {
    ProviderChannel channel =
        XtreamClient.channel(
            read("[{\"stream_id\":5,\"name\":\"X\",\"category_ids\":[7,8]}]").get(0));
    assertEquals("7", channel.categoryId());
  }

  @Test
  void rejectsHtml() {
    ProviderException e =
        assertThrows(ProviderException.class, () -> read("<!DOCTYPE html><html></html>"));
    assertEquals(ProviderException.Kind.NOT_JSON, e.kind());
  }

  @Test
  void rejectsTruncatedJson() {
    ProviderException e =
        assertThrows(
            ProviderException.class, () -> read("[{\"stream_id\":1},{\"stream_id\":2,\"na"));
    assertEquals(ProviderException.Kind.MALFORMED, e.kind());
  }

  @Test
  void loginAnswerInPlaceOfAListMeansRejectedCredentials() {
    ProviderException e =
        assertThrows(ProviderException.class, () -> read("{\"user_info\":{\"auth\":0}}"));
    assertEquals(ProviderException.Kind.AUTH_REJECTED, e.kind());
  }

  @Test
  void rejectsOtherShapes() {
    for (String json : List.of("{\"error\":\"x\"}", "42", "\"text\"", "")) {
      assertThrows(ProviderException.class, () -> read(json), json);
    }
  }

  private static InputStream capture(String provider, String file) {
    return XtreamListTest.class.getResourceAsStream("/provider/xtream/" + provider + "/" + file);
  }

  @Test
  void anEndlessEntryFailsTheListWithoutReadingOn() {
    InputStream endless =
        new InputStream() {
          final byte[] head =
              "[{\"stream_id\":1,\"name\":\"A\"},{\"stream_id\":2,\"name\":\""
                  .getBytes(StandardCharsets.UTF_8);
          long read;

          @Override
          public int read() {
            return read < head.length ? head[(int) read++] : 'x';
          }
        };
    List<JsonObject> items = new ArrayList<>();
    ProviderException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    ProviderException.class,
                    () -> XtreamClient.readList(PANEL, endless, items::add)));
    assertEquals(ProviderException.Kind.MALFORMED, e.kind());
    assertEquals(
        "panel.example:8080 sent a list entry larger than 1024 KiB, where channels take about 1"
            + " KiB.",
        e.detail());
    assertEquals(1, items.size(), "the entries before it were read");
  }

  @Test
  void aLongListOfSmallEntriesIsNoLargeEntry() throws IOException {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 30_000; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(i).append("\":{\"stream_id\":").append(i);
      json.append(",\"name\":\"").append("n".repeat(40)).append("\"}");
    }
    assertEquals(30_000, read(json.append('}').toString()).size());
  }
}
