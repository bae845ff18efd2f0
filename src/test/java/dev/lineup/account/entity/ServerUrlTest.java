package dev.lineup.account.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "provider.example,                                   http://provider.example",
    "provider.example:8080,                              http://provider.example:8080",
    "  provider.example:8080/  ,                         http://provider.example:8080",
    "http://provider.example:8080,                       http://provider.example:8080",
    "HTTPS://Provider.Example,                           https://provider.example",
    "https://provider.example/iptv/,                     https://provider.example/iptv",
    "http://provider.example:25461/player_api.php,       http://provider.example:25461",
    "http://provider.example/player_api.php?username=a&password=b, http://provider.example",
    "http://provider.example/get.php?username=a&password=b&type=m3u_plus, http://provider.example",
    "http://provider.example/sub/xmltv.php,              http://provider.example/sub",
    "http://10.0.0.5:8000#frag,                          http://10.0.0.5:8000",
    "http://[::1]:8080,                                  http://[::1]:8080"
  })
  void normalises(String input, String expected) {
    assertEquals(expected, ServerUrl.parse(input).value());
  }

  @Test
  void offersTheCredentialsOfAPastedPanelUrl() {
    ServerUrl url =
        ServerUrl.parse("http://p.example/player_api.php?username=bob&password=p%40ss%20word");
    assertEquals(Optional.of("bob"), url.username());
    assertEquals(Optional.of("p@ss word"), url.password());
  }

  @Test
  void offersNoCredentialsWhenTheUrlHasNone() {
    ServerUrl url = ServerUrl.parse("p.example");
    assertTrue(url.username().isEmpty());
    assertTrue(url.password().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "ftp://provider.example",
        "http://",
        "provider example.com",
        "http://user:pw@provider.example",
        "provider.example:0",
        "provider.example:70000",
        "http://under_score.example"
      })
  void rejects(String input) {
    ServerUrl.InvalidServerUrl error =
        assertThrows(ServerUrl.InvalidServerUrl.class, () -> ServerUrl.parse(input));
    assertTrue(!error.getMessage().isBlank());
  }

  @Test
  void rejectsNull() {
    assertThrows(ServerUrl.InvalidServerUrl.class, () -> ServerUrl.parse(null));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://p.example/get.php?username=bob&password=s3cret&type=m3u | "
            + "http://p.example/get.php?username=bob&password=***&type=m3u",
        "http://p.example/list.m3u?token=s3cret | http://p.example/list.m3u?token=***",
        "http://p.example/list.m3u?apikey=s3cret&auth=s3cret | "
            + "http://p.example/list.m3u?apikey=***&auth=***",
        "http://bob:s3cret@p.example/list.m3u | http://***@p.example/list.m3u",
        "http://s3cret@p.example/list.m3u?keyword=x | http://***@p.example/list.m3u?keyword=x",
        "http://a.example/x.xml?key=s3cret,http://b.example/y.xml | "
            + "http://a.example/x.xml?key=***,http://b.example/y.xml"
      })
  void masksCredentialsInQueriesAndUserInfo(String url, String masked) {
    assertEquals(masked, ServerUrl.mask(url));
    assertFalse(ServerUrl.mask(url).contains("s3cret"));
  }

  @Test
  void aUrlLongerThanAnAccountKeepsIsRefused() {
    String longUrl = "http://p.example/" + "a".repeat(ServerUrl.MAX_LENGTH);
    assertThrows(ServerUrl.InvalidServerUrl.class, () -> ServerUrl.parse(longUrl));
    assertThrows(ServerUrl.InvalidServerUrl.class, () -> ServerUrl.playlist(longUrl));
    String longest = "http://p.example/" + "a".repeat(ServerUrl.MAX_LENGTH - 17);
    assertEquals(longest, ServerUrl.playlist(longest).value());
  }
}
