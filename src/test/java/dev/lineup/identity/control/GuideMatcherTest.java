package dev.lineup.identity.control;

import static dev.lineup.identity.control.GuideMatcher.AUTO;
import static dev.lineup.identity.control.GuideMatcher.REVIEW;
import static java.util.Collections.disjoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.identity.control.GuideMatcher.GuideChannel;
import dev.lineup.identity.control.GuideMatcher.Match;
import dev.lineup.identity.control.GuideMatcher.Stage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GuideMatcherTest {
  private static final Path M3U = Path.of("src/test/resources/provider/m3u");
  private static final Path XTREAM = Path.of("src/test/resources/provider/xtream");
  private static final Pattern TVG_ID = Pattern.compile("tvg-id=\"([^\"]*)\"");

  private static GuideChannel channel(String guide, int priority, String id, String... names) {
    return new GuideChannel(guide, priority, id, List.of(names));
  }

  /** A channel of guide "source:1", priority 1. */
  private static GuideChannel src(String id, String... names) {
    return channel("source:1", 1, id, names);
  }

  private static GuideMatcher matcher(GuideChannel... channels) {
    return new GuideMatcher(List.of(channels));
  }

  @Test
  void aProvidersGuideIdMatchesExactlyWithItsCaseKept() {
    GuideMatcher m = matcher(src("ITV4.uk", "ITV 4"));
    Match match = m.match("Anything", "ITV4.uk", null, null).orElseThrow();
    assertEquals(
        new Match("source:1", "ITV4.uk", 1.0, Stage.GUIDE_ID, "provider's guide id"), match);
    Optional<Match> otherCase = m.match("Something else", "itv4.uk", null, null);
    assertTrue(otherCase.isEmpty(), otherCase::toString);
    assertEquals(Stage.NAME, m.match("UK: ITV4 HD", "itv4.uk", null, null).orElseThrow().stage());
  }

  @Test
  void aGuideIdTieGoesToTheOwnGuideThenTheLowerPriority() {
    GuideMatcher m =
        matcher(
            channel("source:2", 5, "BBCOne.uk", "BBC One"),
            src("BBCOne.uk", "BBC One"),
            channel("account:7", 1_000_000, "BBCOne.uk", "BBC One"));
    assertEquals("source:1", m.match("x", "BBCOne.uk", null, null).orElseThrow().guide());
    assertEquals("account:7", m.match("x", "BBCOne.uk", null, "account:7").orElseThrow().guide());
    assertEquals("account:7", m.match("BBC 1", null, null, "account:7").orElseThrow().guide());
    assertEquals("source:1", m.match("BBC 1", null, null, "account:9").orElseThrow().guide());
  }

  @Test
  void aSameNameMatchesAnyDisplayNameAndTheIdReadAsAName() {
    GuideMatcher m =
        matcher(
            src("BBC1London.uk", "BBC One Lon", "BBC One London", "BBC1 Ldn"), src("SkyNews.uk"));
    Match third = m.match("UK: BBC 1 LDN HD", null, null, null).orElseThrow();
    assertEquals("BBC1London.uk", third.channelId());
    assertEquals(Stage.NAME, third.stage());
    assertEquals(GuideMatcher.SAME_NAME, third.score());
    assertEquals("same name as 'BBC1 Ldn'", third.reason());
    Match fromId = m.match("Sky News", null, null, null).orElseThrow();
    assertEquals("SkyNews.uk", fromId.channelId());
    assertEquals("same name as 'SkyNews.uk'", fromId.reason());
  }

  @Test
  void aSameNameInAnotherCountryWaitsForReviewAndTheSameCountryWinsATie() {
    GuideMatcher m = matcher(src("AMC.pt", "AMC"), src("AMC.es", "AMC"));
    assertEquals("AMC.es", m.match("ES: AMC", null, null, null).orElseThrow().channelId());
    assertEquals("AMC.pt", m.match("AMC", null, "PORTUGAL", null).orElseThrow().channelId());
    GuideMatcher onlyPt = matcher(src("AMC.pt", "AMC"));
    Match elsewhere = onlyPt.match("ES: AMC", null, null, null).orElseThrow();
    assertEquals(Stage.NAME, elsewhere.stage());
    assertEquals(GuideMatcher.SAME_NAME_ELSEWHERE, elsewhere.score());
    assertTrue(elsewhere.score() >= REVIEW && elsewhere.score() < AUTO);
    Match fuzzyElsewhere = onlyPt.match("NL: A.M.C.", null, null, null).orElseThrow();
    assertEquals(Stage.FUZZY, fuzzyElsewhere.stage());
    assertEquals(GuideMatcher.SAME_NAME_ELSEWHERE, fuzzyElsewhere.score());
  }

  @Test
  void numbersRegionsLoneTyposAndExtraWordsKeepSimilarNamesBelowAuto() {
    GuideMatcher m =
        matcher(
            src("ESPN2.us", "ESPN 2"),
            src("SkySports2.uk", "Sky Sports 2"),
            src("BBC1Scotland.uk", "BBC One Scotland"),
            src("Star.gr", "Star"),
            src("BTSport2.uk", "BT Sport 2"));
    for (String name :
        List.of(
            "ESPN", "US: ESPN HD", "Sky Sports 1", "BBC One London", "Starz", "BT Sport Extra 2")) {
      Optional<Match> match = m.match(name, null, null, null);
      assertTrue(match.isEmpty() || match.get().score() < AUTO, name + " " + match);
    }
  }

  @Test
  void aSimilarNameMatchesFuzzilyWithASharedCountryBonusAndNeverAtOne() {
    GuideMatcher m =
        matcher(src("MotorsTV.uk", "Motors TV"), src("SkySportsNews.uk", "Sky Sports News"));
    Match typo = m.match("UK : Mototrs TV", null, null, null).orElseThrow();
    assertEquals("MotorsTV.uk", typo.channelId());
    assertEquals(Stage.FUZZY, typo.stage());
    assertTrue(typo.score() >= AUTO && typo.score() < 1.0, typo::toString);
    assertTrue(typo.reason().startsWith("similar to 'Motors TV' ("), typo.reason());
    Match plain = m.match("Sky Sport News", null, null, null).orElseThrow();
    Match inUk = m.match("Sky Sport News", null, "UK | NEWS", null).orElseThrow();
    assertEquals("SkySportsNews.uk", inUk.channelId());
    assertTrue(inUk.score() > plain.score(), inUk + " " + plain);
    assertTrue(m.match("Totally Different", null, null, null).isEmpty());
    Match spaced = matcher(src("AH.us", "Al Hurra")).match("Alhurra", null, null, null).get();
    assertTrue(spaced.stage() == Stage.FUZZY && spaced.score() >= AUTO, spaced::toString);
  }

  /** One capture entry: guide id, name, and the stream URL (M3U) or category name (Xtream). */
  record Entry(String id, String name, String extra) {}

  /** A channel, the guide ids it shows (lowercase), and whether those are known at all. */
  record Case(String name, String category, Set<String> truths, boolean judged) {}

  /** What matching a capture gave, counted over the judged channels. */
  record Outcome(
      int judged, int truths, int auto, int right, int alike, int review, int unjudgedAuto) {
    double precision() {
      return auto == 0 ? 1 : (double) right / auto;
    }

    double recall() {
      return truths == 0 ? 0 : (double) right / truths;
    }
  }

  /** Matches and counts; right: the id is a truth, or the guide names them {@code alike}. */
  private static Outcome evaluate(
      String label, GuideMatcher m, List<Case> cases, BiPredicate<String, Set<String>> alike) {
    int judged = 0, truths = 0, auto = 0, right = 0, alikes = 0, review = 0, unjudgedAuto = 0;
    for (Case c : cases) {
      Optional<Match> match = m.match(c.name(), null, c.category(), null);
      boolean isAuto = match.isPresent() && match.get().score() >= AUTO;
      unjudgedAuto += !c.judged() && isAuto ? 1 : 0;
      judged += c.judged() ? 1 : 0;
      truths += c.judged() && !c.truths().isEmpty() ? 1 : 0;
      review += c.judged() && match.isPresent() && !isAuto ? 1 : 0;
      if (!c.judged() || !isAuto) {
        continue;
      }
      auto++;
      String id = match.get().channelId();
      boolean exact = c.truths().contains(lower(id));
      boolean isRight = exact || alike.test(id, c.truths());
      right += isRight ? 1 : 0;
      alikes += isRight && !exact ? 1 : 0;
      if (!isRight) {
        System.out.println("  wrong: '" + c.name() + "' " + c.truths() + " -> " + match.get());
      }
    }
    Outcome o = new Outcome(judged, truths, auto, right, alikes, review, unjudgedAuto);
    System.out.printf(
        Locale.ROOT, "%s: %s, precision %.3f, recall %.3f%n", label, o, o.precision(), o.recall());
    return o;
  }

  /** An M3U playlist's entries: tvg-id, the name after the attributes, the stream URL. */
  private static List<Entry> m3u(String file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(M3U.resolve(file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher id = TVG_ID.matcher(line);
      int comma = -1;
      for (int c = 0, quotes = 0; c < line.length() && comma < 0; c++) {
        quotes += line.charAt(c) == '"' ? 1 : 0;
        comma = quotes % 2 == 0 && line.charAt(c) == ',' ? c : -1;
      }
      String url =
          lines.stream().skip(i + 1).filter(l -> !l.startsWith("#")).findFirst().orElse("");
      if (line.startsWith("#EXTINF")) {
        String name = line.substring(comma + 1).trim();
        entries.add(new Entry(id.find() ? id.group(1) : "", name, url.trim()));
      }
    }
    return entries;
  }

  /**
   * The 2023 capture as a guide (tvg-id to its names), today's US playlist without ids as the
   * channels. Truth: the channel's tvg-id before '@', and also the id the 2023 capture gives the
   * same stream URL (iptv-org renamed some ids between the two: {@code ShalomTV.us} is now {@code
   * ShalomAmerica.us}); a channel with neither must not match by itself.
   */
  @Test
  void m3uPrecisionAndRecallOnRealCaptures() throws IOException {
    Map<String, Set<String>> names = new LinkedHashMap<>();
    Map<String, Set<String>> idsByUrl = new HashMap<>();
    for (Entry e : m3u("iptv-org-2023_us_status_useragent.m3u")) {
      if (!e.id().isEmpty()) {
        names.computeIfAbsent(e.id(), k -> new LinkedHashSet<>()).add(e.name());
        idsByUrl.computeIfAbsent(e.extra(), k -> new HashSet<>()).add(lower(e.id()));
      }
    }
    List<Case> cases = new ArrayList<>();
    for (Entry e : m3u("iptv-org_us.m3u")) {
      String id = e.id().contains("@") ? e.id().substring(0, e.id().indexOf('@')) : e.id();
      Set<String> truths = new HashSet<>(idsByUrl.getOrDefault(e.extra(), Set.of()));
      if (names.containsKey(id)) {
        truths.add(lower(id));
      }
      cases.add(new Case(e.name(), null, truths, true));
    }
    Outcome o = evaluate("iptv-org US", guide(names), cases, (id, truths) -> false);
    assertTrue(o.truths() > 150, o::toString);
    assertTrue(o.precision() >= 0.95, o::toString);
    assertTrue(o.recall() >= 0.9, o::toString);
    assertTrue(o.auto() - o.right() <= 10, o::toString);
  }

  /** An Xtream capture's live channels with their category names. */
  private static List<Entry> xtream(String provider) throws IOException {
    Map<String, String> categories = new HashMap<>();
    for (JsonObject c : json(provider, "get_live_categories.json").getValuesAs(JsonObject.class)) {
      categories.put(c.getString("category_id", ""), c.getString("category_name", ""));
    }
    List<Entry> channels = new ArrayList<>();
    for (JsonObject s : json(provider, "get_live_streams.json").getValuesAs(JsonObject.class)) {
      String id = s.isNull("epg_channel_id") ? "" : s.getString("epg_channel_id", "").trim();
      String category = s.containsKey("category_id") ? s.get("category_id").toString() : "";
      channels.add(
          new Entry(id, s.getString("name", ""), categories.get(category.replace("\"", ""))));
    }
    return channels;
  }

  private static JsonArray json(String provider, String file) throws IOException {
    try (Reader r = Files.newBufferedReader(XTREAM.resolve(provider).resolve(file));
        JsonReader reader = Json.createReader(r)) {
      return reader.readArray();
    }
  }

  /**
   * One capture's ids with every name seen for each as the guide, the other's channels without ids.
   * Judged: those whose id the guide holds (case aside). Captures give a channel several ids
   * ({@code Channel 4}, {@code Channel4.uk}), so a match is also right when named alike.
   */
  private static Outcome xtreamOutcome(String guideProvider, String channelProvider)
      throws IOException {
    Map<String, Set<String>> names = new LinkedHashMap<>();
    Map<String, Set<String>> keys = new HashMap<>();
    for (Entry s : xtream(guideProvider)) {
      if (!s.id().isEmpty()) {
        names.computeIfAbsent(s.id(), k -> new LinkedHashSet<>()).add(s.name());
        Set<String> alike = keys.computeIfAbsent(lower(s.id()), k -> new HashSet<>());
        alike.add(ChannelNames.normalise(s.name()).key());
        alike.add(ChannelNames.normalise(GuideMatcher.idAsName(s.id())).key());
      }
    }
    List<Case> cases = new ArrayList<>();
    for (Entry s : xtream(channelProvider)) {
      if (!s.id().isEmpty()) {
        boolean held = keys.containsKey(lower(s.id()));
        cases.add(new Case(s.name(), s.extra(), held ? Set.of(lower(s.id())) : Set.of(), held));
      }
    }
    BiPredicate<String, Set<String>> alike =
        (id, truths) -> truths.stream().anyMatch(t -> !disjoint(keys.get(lower(id)), keys.get(t)));
    return evaluate(
        channelProvider + " with " + guideProvider + "'s ids", guide(names), cases, alike);
  }

  /** A guide ("source:1") of these ids and their names. */
  private static GuideMatcher guide(Map<String, Set<String>> names) {
    List<GuideChannel> guide = new ArrayList<>();
    names.forEach((id, n) -> guide.add(new GuideChannel("source:1", 1, id, List.copyOf(n))));
    return new GuideMatcher(guide);
  }

  /**
   * Both ways. Iris labels its "+1" channels ("VIP Channel 4 1 SD") with the base channel's id,
   * which hellraiser's guide holds apart ({@code Channel4plus1.uk}): most "wrong" matches of iris's
   * channels are those, so that way is held to a lower bound.
   */
  @Test
  void xtreamPrecisionOnRealCaptures() throws IOException {
    Outcome irisGuide = xtreamOutcome("iris", "hellraiser");
    Outcome hellraiserGuide = xtreamOutcome("hellraiser", "iris");
    assertTrue(irisGuide.precision() >= 0.9, irisGuide::toString);
    assertTrue(irisGuide.recall() >= 0.8, irisGuide::toString);
    assertTrue(hellraiserGuide.precision() >= 0.85, hellraiserGuide::toString);
  }

  /**
   * 20,000 guide channels named as the captures (Xtream and M3U) name them, ids made from the
   * names; 100,000 channels: the captures' names with prefixes, marks, typos and extra words, so
   * that about half reach the fuzzy stage.
   */
  @Test
  void aHundredThousandChannelsAgainstTwentyThousandGuideChannelsTakeSeconds() throws IOException {
    Set<String> distinct = new LinkedHashSet<>();
    for (String provider : List.of("iris", "hellraiser", "tnt", "eternal")) {
      xtream(provider).forEach(e -> distinct.add(e.name()));
    }
    try (var files = Files.list(M3U)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".m3u")).sorted().toList()) {
        m3u(file.getFileName().toString()).forEach(e -> distinct.add(e.name()));
      }
    }
    List<String> names = new ArrayList<>(distinct);
    Collections.shuffle(names, new Random(7));
    assertTrue(names.size() > 20_000, "only " + names.size() + " names");
    String[] countries = {"uk", "us", "ca", "de", "fr"};
    List<GuideChannel> guide = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = names.get(i).replaceAll("[^A-Za-z0-9]", "") + "." + countries[i % 5];
      guide.add(new GuideChannel("source:" + (i % 3), i % 3, id, List.of(names.get(i))));
    }
    String[] prefixes = {"", "UK: ", "US| ", "VIP ", "|CA| ", "DE: "};
    String[] suffixes = {"", " HD", " FHD", " (720p)", " ᴴᴰ", " (BACKUP)", " 4K"};
    List<String> channels = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      String name = names.get(i % names.size());
      name =
          switch (i % 4) {
            case 1 -> typo(name);
            case 2 -> name + " TV";
            case 3 -> name.contains(" ") ? name.substring(0, name.lastIndexOf(' ')) : name;
            default -> name;
          };
      channels.add(prefixes[i % prefixes.length] + name + suffixes[i % suffixes.length]);
    }
    long heap = usedHeap();
    long start = System.nanoTime();
    GuideMatcher matcher = new GuideMatcher(guide);
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    long megabytes = (usedHeap() - heap) >> 20;
    start = System.nanoTime();
    int[] stages = new int[Stage.values().length + 1];
    for (String channel : channels) {
      Optional<Match> match = matcher.match(channel, null, null, "source:1");
      stages[match.map(m -> m.stage().ordinal()).orElse(stages.length - 1)]++;
    }
    long millis = buildMillis + (System.nanoTime() - start) / 1_000_000;
    String stageCounts = Arrays.toString(stages);
    System.out.printf(
        "100,000 channels against 20,000 guide channels: indexes built in %d ms (about %d MB),"
            + " all in %d ms; by stage (id, name, fuzzy, none): %s%n",
        buildMillis, megabytes, millis, stageCounts);
    assertTrue(millis < 10_000, millis + " ms");
    assertTrue(stages[1] > 20_000 && stages[2] > 10_000, stageCounts);
  }

  private static long usedHeap() {
    System.gc();
    System.gc();
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  /** Swaps the two letters in the middle of a name (long enough to have a middle). */
  private static String typo(String name) {
    int m = name.length() / 2;
    return name.length() < 8
        ? name
        : name.substring(0, m) + name.charAt(m + 1) + name.charAt(m) + name.substring(m + 2);
  }

  private static String lower(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
