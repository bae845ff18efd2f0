package dev.lineup.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.identity.control.ChannelNames.Normalised;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {

  private static String key(String name) {
    return ChannelNames.normalise(name).key();
  }

  private static String country(String name) {
    return ChannelNames.normalise(name).country();
  }

  @Test
  void nullAndBlankNamesGiveAnEmptyKey() {
    assertEquals(new Normalised("", List.of(), null), ChannelNames.normalise(null));
    assertEquals("", key("   "));
    assertEquals("", key("HD"));
    assertEquals("", key("(BACKUP) [VIP]"));
  }

  @Test
  void theIssuesExamplesCompareEqual() {
    assertEquals(key("BBC One"), key("UK: BBC One HD"));
    assertEquals(key("ESPN"), key("US| ESPN FHD"));
    assertEquals("ctv", key("ca CTV"));
    assertEquals(key("Sky Sports News"), key("VIP Sky Sports News FHD"));
    assertEquals(key("Canal Plus"), key("Canal+ ᴴᴰ"));
    assertEquals("das erste", key("Das Erste (BACKUP)"));
    assertEquals(key("CBN Espanol"), key("CBN Español"));
  }

  @Test
  void regionsAndNumbersKeepChannelsApart() {
    assertNotEquals(key("BBC One London"), key("BBC One Scotland"));
    assertNotEquals(key("ESPN"), key("ESPN 2"));
    assertNotEquals(key("Sky Sports 1"), key("Sky Sports 2"));
    assertEquals("bbc 1 london", key("UK: BBC One London HD"));
  }

  @Test
  void countryPrefixesAndSeparatorsGoAndAreReported() {
    for (String name :
        List.of("UK: Dave", "UK|Dave", "|UK| Dave", "UK - Dave", "UK Dave", "uk : Dave HD")) {
      assertEquals("dave", key(name), name);
      assertEquals("uk", country(name), name);
    }
    assertEquals("us", country("USA: Discovery Channel"));
    assertEquals("discovery channel", key("USA: Discovery Channel"));
    assertEquals("ca", country("CANADA: CTV"));
    assertEquals("ie", country("IRISH: RTE One"));
    assertEquals("uk", country("GB: ITV"));
    assertEquals("ctv", key("CANADA: CTV"));
  }

  @Test
  void countryWordsCountOnlyAsPrefixOrTrailingMarker() {
    assertEquals("usa network", key("USA Network"));
    assertNull(country("USA Network"));
    assertEquals("al jazeera", key("Al Jazeera"));
    assertEquals("al fady tv", key("Al-Fady TV"));
    assertNull(country("Al-Fady TV"));
    assertEquals("id", key("ID"));
    assertEquals("me tv", key("ME TV"));
    assertEquals("kiss fm", key("Kiss FM"));
    assertEquals("bbc 1", key("BBC One (UK)"));
    assertEquals("uk", country("BBC One (UK)"));
    assertEquals("24 kitchen", key("24 Kitchen PT"));
    assertEquals("pt", country("24 Kitchen PT"));
    assertEquals("rrokum tv", key("Rrokum TV AL"));
    assertEquals("al", country("Rrokum TV AL"));
    assertEquals("itv be", key("UK | ITV be"));
    assertEquals("my", country("MY: Astro Citra"));
    assertEquals("discovery id", key("Discovery ID"));
  }

  @Test
  void aTrailingCountryWordIsReportedButKept() {
    assertEquals("nickelodeon canada", key("Nickelodeon Canada"));
    assertEquals("ca", country("Nickelodeon Canada"));
  }

  @Test
  void aNameThatIsOnlyACountryKeepsIt() {
    assertEquals("canada", key("Canada"));
    assertEquals("ca", country("Canada"));
    assertEquals("uk", key("UK"));
  }

  @Test
  void qualityAndFormatMarksGo() {
    for (String mark :
        List.of(
            "HD", "FHD", "UHD", "SD", "4K", "8K", "ᴴᴰ", "ᴿᴬᵂ", "ᵁᴴᴰ", "RAW", "1080p", "720p",
            "2160p", "480p", "540p", "50FPS", "60FPS", "HEVC", "H265", "H.265", "HD 1080")) {
      assertEquals("bbc 2", key("BBC Two " + mark), mark);
    }
    assertEquals("amc", key("PT: AMC HD 1080"));
    assertEquals("nat geo wild", key("FR:Nat Geo WildHD"));
  }

  @Test
  void bracketedTextGoesUnlessItIsACallSignOrANumber() {
    assertEquals("abc wabc", key("ABC (WABC) (720p)"));
    assertEquals("ktla 5 ktla", key("KTLA 5 (KTLA)"));
    assertEquals("ici rc cbft", key("ICI RC (CBFT-DT)"));
    assertEquals("bbc red button 1", key("UK: BBC Red Button 1 (SG)"));
    assertEquals("discovery turbo", key("UK: Discovery Turbo (OwN)"));
    assertEquals("mutv", key("UK: MUTV [VIP] (ETV) [Not 24/7] (Geo-blocked)"));
    assertEquals("eir sports 2", key("UK: EIR SPORTS (2)"));
    assertEquals("kids", key("Kids (Kids)"));
  }

  @Test
  void caseAccentsAndModifierLettersFold() {
    assertEquals("rte 1", key("RTÉ One"));
    assertEquals("barca tv", key("Barça TV ES"));
    assertEquals("canal", key("ᶜᵃⁿᵃˡ"));
    assertEquals("strasse", key("Straße"));
  }

  @Test
  void separatorsBecomeSpacesAndAmpersandBecomesAnd() {
    assertEquals("sky cinema sci fi and horror", key("Sky Cinema Sci-Fi & Horror"));
    assertEquals(key("Home and Health"), key("Home & Health"));
    assertEquals("yahoo finance", key("Yahoo! Finance"));
    assertEquals("dr gene scott", key("Dr. Gene Scott"));
    assertEquals("women s sports", key("Women's_Sports"));
  }

  @Test
  void aPlusRightAfterAWordIsTheWordPlusElseASeparator() {
    assertEquals("amc plus", key("AMC+ (720p)"));
    assertNotEquals(key("AMC"), key("AMC+"));
    assertEquals("bloomberg tv", key("Bloomberg TV + (2160p)"));
    assertEquals("channel 4 1", key("UK: Channel 4 +1"));
  }

  @Test
  void numberWordsBecomeDigitsAndDigitsSplitFromLetters() {
    assertEquals(key("BBC 1"), key("BBC ONE"));
    assertEquals(key("Sky 2"), key("Sky Two"));
    assertEquals(key("Channel 4"), key("Channel Four"));
    assertEquals(key("ITV 4"), key("ITV4"));
    assertEquals(key("5 USA"), key("5USA"));
    assertEquals(key("Five USA"), key("5USA"));
    assertEquals(key("ESPN Plus 2"), key("ESPN PLUS : 02"));
    assertEquals("channel 7 0", key("Channel 007 0"));
  }

  @Test
  void categoriesTellTheirCountry() {
    assertEquals("uk", ChannelNames.categoryCountry("UK | ENTERTAINMENT"));
    assertEquals("uk", ChannelNames.categoryCountry("DOCUMENTARIES UK"));
    assertEquals("us", ChannelNames.categoryCountry("USA NEWS NETWORKS"));
    assertNull(ChannelNames.categoryCountry("SPORTS"));
    assertNull(ChannelNames.categoryCountry(null));
  }

  @Test
  void normalisesAHundredThousandNamesQuickly() {
    List<String> names =
        List.of("UK: BBC One HD", "VIP Sky Sports News FHD", "ABC (WABC) (720p)", "Canal+ ᴴᴰ");
    long start = System.nanoTime();
    int length = 0;
    for (int i = 0; i < 100_000; i++) {
      length += key(names.get(i % names.size()) + " " + i).length();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("ChannelNames: 100,000 names in " + millis + " ms");
    assertTrue(length > 0);
    assertTrue(millis < 2_000, millis + " ms");
  }
}
