package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TsvFileTest {
  @Test
  void valuesAreEscapedWhereverTheirSpecialCharactersStand() throws Exception {
    try (TsvFile file = new TsvFile("test")) {
      file.field("plain").field("tab\there").field("\\lead").field("end\n").endRow();
      file.field(null).field(true).field(false).field(42L).field("nul\0 and \r").endRow();
      file.field("").field("x\\y\tz").endRow();
      assertEquals(
          "plain\ttab\\there\t\\\\lead\tend\\n\n"
              + "\\N\t1\t0\t42\tnul\\0 and \\r\n"
              + "\tx\\\\y\\tz\n",
          file.text());
      assertEquals(3, file.rows());
    }
  }
}
