package dev.lineup.tag.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagNameTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "prime video, PRIME_VIDEO",
    "4K HDR, 4K_HDR",
    "ᴿᴬᵂ, RAW",
    "⁶⁰ᶠᵖˢ, 60FPS",
    "'  twin   falls  id ', TWIN_FALLS_ID",
    "us, US",
    "'a__b', A_B",
    "'_x y_', X_Y",
    "'4K-HDR', 4K-HDR",
    "'News!', NEWS",
    "'Ünïcödé ТВ', ÜNÏCÖDÉ_ТВ",
    "'KTVT', KTVT"
  })
  void normalises(String raw, String expected) {
    assertEquals(expected, TagName.normalise(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a", "!", "_", "?!", "ᴴ"})
  void dropsWhatIsShorterThanTwoCharacters(String raw) {
    assertNull(TagName.normalise(raw));
  }
}
