package dev.lineup.playlist.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamOptionsCatchupTest {
  @Test
  void anArchivedChannelGetsXcCatchUpUnlessTheProviderGaveItsOwn() {
    assertEquals(
        Map.of("catchup", "xc", "catchup-days", "7"),
        StreamOptions.NONE.withArchive(7).attributes());
    StreamOptions own =
        StreamOptions.of(
            "{\"catchup\":\"append\",\"catchup-source\":\"?utc={utc}\",\"user-agent\":\"UA\"}");
    assertSame(own, own.withArchive(7));
  }

  @Test
  void withoutCatchupDropsTheProvidersArchiveAttributesAndKeepsTheRest() {
    StreamOptions own =
        StreamOptions.of(
            "{\"catchup\":\"default\",\"catchup-source\":\"http://p/u/pw/{utc}.ts\","
                + "\"catchup-days\":\"3\",\"timeshift\":\"2\",\"user-agent\":\"UA\"}");
    StreamOptions without = own.withoutCatchup();
    assertEquals(Map.of("user-agent", "UA"), without.attributes());
    assertEquals(own.lines(), without.lines());
    assertEquals(
        Map.of("user-agent", "UA", "catchup", "xc", "catchup-days", "5"),
        without.withArchive(5).attributes());
  }
}
