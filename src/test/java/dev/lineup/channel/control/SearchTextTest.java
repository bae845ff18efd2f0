package dev.lineup.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTextTest {
  @Test
  void foldsCaseAccentsCompatibilityFormsAndPunctuation() {
    assertEquals(List.of("us", "espn", "hd"), SearchText.words("US: ESPN ᴴᴰ"));
    assertEquals(List.of("ca", "tele", "quebec"), SearchText.words("CA: Télé-Québec"));
    assertEquals(List.of("дом", "кино"), SearchText.words("ДОМ КИНО"));
    assertEquals(List.of("canal", "sport", "1"), SearchText.words("Canal+ Sport 1"));
    assertEquals(List.of("60fps"), SearchText.words("⁶⁰ᶠᵖˢ"));
    assertEquals(List.of(), SearchText.words(" +-* "));
    assertEquals(List.of(), SearchText.words(null));
  }

  @Test
  void aDocumentHoldsEachWordOncePaddedWithTheCleanedNamesNewWords() {
    assertEquals("us__ espn__ 2__", SearchText.document("US: ESPN 2", "ESPN 2"));
    assertEquals("us__ news__ cnn__", SearchText.document("US: News", "CNN"));
    assertEquals("a__ b__", SearchText.document("a b a", null));
  }

  @Test
  void aQueryAsksForEveryWordAsAWordStart() {
    assertEquals("+tele* +queb*", SearchText.fullTextQuery("Télé QUEB"));
    assertEquals("+hd*", SearchText.fullTextQuery("hd HD"));
    assertNull(SearchText.fullTextQuery("  *+- "), "no words: no search");
  }

  @Test
  void javaMatchingFollowsTheSameRule() {
    assertTrue(SearchText.matches("tele queb", "CA: Télé-Québec", "Télé-Québec"));
    assertTrue(SearchText.matches("hd", "US: ESPN ᴴᴰ", "ESPN"));
    assertTrue(SearchText.matches("cnn", "US: News", "CNN"), "the cleaned name counts");
    assertFalse(SearchText.matches("spn", "US: ESPN", "ESPN"), "not the middle of a word");
    assertFalse(SearchText.matches("espn fox", "US: ESPN", "ESPN"), "every word must match");
    assertTrue(SearchText.matches("", "anything", null));
  }
}
