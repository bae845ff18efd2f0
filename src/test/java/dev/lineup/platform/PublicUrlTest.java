package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublicUrlTest {
  @Test
  void anHttpUrlIsKeptWithoutItsTrailingSlash() {
    assertEquals("https://tv.example.com", PublicUrl.parse(" https://tv.example.com/ "));
    assertEquals("http://192.168.1.10:9080", PublicUrl.parse("http://192.168.1.10:9080"));
    assertEquals("https://example.com/lineup", PublicUrl.parse("https://example.com/lineup//"));
  }

  @Test
  void anythingElseIsRefusedNamingTheVariableAndTheForm() {
    for (String bad :
        List.of(
            "tv.example.com",
            "ftp://tv.example.com",
            "https://user:pw@tv.example.com",
            "https://tv.example.com/?x=1",
            "https://tv.example.com/#top",
            "http://",
            "https://tv example.com")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> PublicUrl.parse(bad), bad);
      assertTrue(refused.getMessage().startsWith("PUBLIC_URL must be an http(s) URL"), bad);
    }
  }
}
