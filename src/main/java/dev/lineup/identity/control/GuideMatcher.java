package dev.lineup.identity.control;

import dev.lineup.identity.control.ChannelNames.Normalised;
import dev.lineup.identity.control.TokenIndex.HashIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the guide channel a provider's channel shows, in three stages; the first that answers wins.
 *
 * <ol>
 *   <li>{@link Stage#GUIDE_ID}: the provider's guide id ({@code tvg-id}, {@code epg_channel_id}) is
 *       exactly (case kept) the id of a guide channel: score 1.0.
 *   <li>{@link Stage#NAME}: the {@linkplain ChannelNames#normalise normalised} name equals that of
 *       any display name of a guide channel, or of its id read as a name ({@code BBC1London.uk} is
 *       "bbc 1 london"): score {@value #SAME_NAME}; {@value #SAME_NAME_ELSEWHERE} (a person
 *       decides) when both sides show a country and they differ ({@code "Nickelodeon NL"} is not
 *       the UK one), unless a similar name of the same country scores more.
 *   <li>{@link Stage#FUZZY}: the most similar guide name among a few candidates: names sharing a
 *       token with the channel's (an inverted index; tokens that very many guide names hold count
 *       only when the name has no rarer one; an unknown token also reaches guide tokens that start
 *       alike and are Jaro-Winkler-close) or the same letters once spaces go ({@code "Alhurra"},
 *       {@code "Al Hurra"}); the {@value #CANDIDATES} with the largest shared idf weight (Dice) are
 *       scored: 0.75 × token F1 + 0.25 × Jaro-Winkler of the keys − 0.06 per token left without a
 *       counterpart. The F1 weighs tokens by idf; a token counts as its Jaro-Winkler similarity (≥
 *       0.88; four letters or more, lengths within two) to the best token on the other side. The
 *       same letters score at least 0.96; without one token in common a match stays under {@link
 *       #AUTO}. −0.30 when the numbers differ ({@code ESPN}, {@code ESPN 2}) and when both name
 *       regions and they differ ({@code London}, {@code Scotland}); +0.05 when the countries agree
 *       (the channel's from its name, else its category; the guide channel's from its id suffix,
 *       else its names), capped at {@value #SAME_NAME_ELSEWHERE} when they differ; at most 0.99.
 * </ol>
 *
 * A score under {@link #REVIEW} is no match. Ties go to a guide channel of the channel's country
 * (name stages), then the own guide, the lower priority, a display name before an id read as a
 * name, the lower id. Built once per run (a few MB for 20,000 guide channels: sorted hash arrays
 * and flat posting lists rather than maps); {@link #match} is safe to call from several threads.
 */
public final class GuideMatcher {
  /** A match scored at least this applies by itself. */
  public static final double AUTO = 0.90;

  /** A match scored at least this (and under {@link #AUTO}) waits for a person. */
  public static final double REVIEW = 0.75;

  static final double SAME_NAME = 0.95;
  static final double SAME_NAME_ELSEWHERE = 0.85;
  static final int CANDIDATES = 16;
  private static final double UNMATCHED = 0.06;

  /**
   * One channel of a guide.
   *
   * @param guide the guide's key ({@code "account:3"}, {@code "source:1"})
   * @param priority lower wins a tie
   * @param id the channel's id in the guide ({@code "BBCOne.uk"})
   * @param displayNames every name the guide gives it
   */
  public record GuideChannel(String guide, int priority, String id, List<String> displayNames) {}

  /** Which stage found a match. */
  public enum Stage {
    GUIDE_ID,
    NAME,
    FUZZY
  }

  /**
   * A guide channel found for a channel.
   *
   * @param guide the guide's key
   * @param channelId the guide channel's id
   * @param score 1.0 for the guide id, under 1.0 otherwise; {@link #AUTO} or more applies alone
   * @param reason why, for a person: "same name as 'BBC One'"
   */
  public record Match(String guide, String channelId, double score, Stage stage, String reason) {}

  private final GuideChannel[] channels;
  private final String[] countries;
  private final HashIndex byId;
  // One name per distinct normalised name of a guide channel.
  private final int[] owner;
  private final String[] keys;
  private final String[] labels;
  private final boolean[] fromId;
  private final HashIndex byKey;
  private final HashIndex byLetters;
  private final TokenIndex index;

  /** Builds the indexes for {@code guideChannels} (every guide's channels, in any order). */
  public GuideMatcher(List<GuideChannel> guideChannels) {
    channels = guideChannels.toArray(GuideChannel[]::new);
    countries = new String[channels.length];
    List<Normalised> names = new ArrayList<>();
    List<String> nameLabels = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Set<Integer> idNames = new HashSet<>();
    for (int c = 0; c < channels.length; c++) {
      GuideChannel channel = channels[c];
      countries[c] = idCountry(channel.id());
      List<String> all = new ArrayList<>();
      all.addAll(channel.displayNames() == null ? List.of() : channel.displayNames());
      all.add(channel.id());
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < all.size(); k++) {
        boolean isId = k == all.size() - 1;
        Normalised n = ChannelNames.normalise(isId ? idAsName(all.get(k)) : all.get(k));
        if (!n.key().isEmpty() && seen.add(n.key())) {
          countries[c] = countries[c] == null ? n.country() : countries[c];
          if (isId) {
            idNames.add(names.size());
          }
          owners.add(c);
          names.add(n);
          nameLabels.add(all.get(k));
        }
      }
    }
    int count = names.size();
    owner = owners.stream().mapToInt(Integer::intValue).toArray();
    keys = names.stream().map(Normalised::key).toArray(String[]::new);
    labels = nameLabels.toArray(String[]::new);
    fromId = new boolean[count];
    idNames.forEach(i -> fromId[i] = true);
    index = new TokenIndex(names.stream().map(Normalised::tokens).toList());
    byId = HashIndex.of(channels.length, c -> channels[c].id().hashCode());
    byKey = HashIndex.of(count, i -> keys[i].hashCode());
    byLetters = HashIndex.of(count, i -> lettersHash(keys[i]));
  }

  /**
   * Finds the guide channel for one channel.
   *
   * @param name the channel's name as the provider gives it
   * @param epgChannelId the provider's guide id for it, or null
   * @param categoryName the provider's category name ("UK | ENTERTAINMENT"), or null
   * @param ownGuide the guide key of the channel's own account, or null; wins a tie
   * @return the best match scored at least {@link #REVIEW}, or empty
   */
  public Optional<Match> match(
      String name, String epgChannelId, String categoryName, String ownGuide) {
    if (epgChannelId != null && !epgChannelId.isBlank()) {
      int best = -1;
      int h = epgChannelId.hashCode();
      for (int at = byId.first(h); byId.has(at, h); at++) {
        int c = byId.items()[at];
        if (channels[c].id().equals(epgChannelId)
            && (best < 0 || compare(c, false, best, false, null, ownGuide) < 0)) {
          best = c;
        }
      }
      if (best >= 0) {
        return found(best, 1.0, Stage.GUIDE_ID, "provider's guide id");
      }
    }
    Normalised n = ChannelNames.normalise(name);
    if (n.key().isEmpty()) {
      return Optional.empty();
    }
    String country = n.country() != null ? n.country() : ChannelNames.categoryCountry(categoryName);
    int best = -1;
    int h = n.key().hashCode();
    for (int at = byKey.first(h); byKey.has(at, h); at++) {
      int i = byKey.items()[at];
      if (keys[i].equals(n.key()) && (best < 0 || compareNames(i, best, country, ownGuide) < 0)) {
        best = i;
      }
    }
    if (best < 0) {
      return fuzzy(n, country, ownGuide);
    }
    String theirs = countries[owner[best]];
    boolean elsewhere = country != null && theirs != null && !country.equals(theirs);
    Optional<Match> similar = elsewhere ? fuzzy(n, country, ownGuide) : Optional.empty();
    return similar.isPresent() && similar.get().score() > SAME_NAME_ELSEWHERE
        ? similar
        : found(
            owner[best],
            elsewhere ? SAME_NAME_ELSEWHERE : SAME_NAME,
            Stage.NAME,
            "same name as '" + labels[best] + "'");
  }

  private Optional<Match> found(int c, double score, Stage stage, String reason) {
    return Optional.of(new Match(channels[c].guide(), channels[c].id(), score, stage, reason));
  }

  private int compareNames(int a, int b, String country, String ownGuide) {
    return compare(owner[a], fromId[a], owner[b], fromId[b], country, ownGuide);
  }

  /** Negative when guide channel {@code a} wins a tie over {@code b} (see the class comment). */
  private int compare(int a, boolean aById, int b, boolean bById, String country, String own) {
    int order = country == null ? 0 : Integer.compare(agrees(b, country), agrees(a, country));
    GuideChannel x = channels[a];
    GuideChannel y = channels[b];
    order = order != 0 ? order : Boolean.compare(y.guide().equals(own), x.guide().equals(own));
    order = order != 0 ? order : Integer.compare(x.priority(), y.priority());
    order = order != 0 ? order : Boolean.compare(aById, bById);
    order = order != 0 ? order : x.id().compareTo(y.id());
    return order != 0 ? order : x.guide().compareTo(y.guide());
  }

  /** 2 when the guide channel shows {@code country}, 0 when it shows another, 1 when none. */
  private int agrees(int c, String country) {
    return countries[c] == null ? 1 : countries[c].equals(country) ? 2 : 0;
  }

  /** A channel name as the fuzzy stage reads it: distinct tokens, their ids, weights and kinds. */
  private record Query(
      List<String> words, int[] ids, float[] weights, float weight, byte[] kinds, String key) {}

  private Optional<Match> fuzzy(Normalised n, String country, String ownGuide) {
    List<String> words = n.tokens().stream().distinct().toList();
    int[] ids = new int[words.size()];
    float[] weights = new float[words.size()];
    byte[] kinds = new byte[words.size()];
    float total = 0;
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index.id(words.get(i));
      weights[i] = index.weight(ids[i]);
      kinds[i] = TokenIndex.kindOf(words.get(i));
      total += weights[i];
    }
    List<Integer> same = new ArrayList<>(1);
    int h = lettersHash(n.key());
    for (int at = byLetters.first(h); byLetters.has(at, h); at++) {
      same.add(byLetters.items()[at]);
    }
    int[] candidates =
        index.candidates(
            words, ids, weights, same.stream().mapToInt(Integer::intValue).toArray(), CANDIDATES);
    Query q = new Query(words, ids, weights, total, kinds, n.key());
    int best = -1;
    double bestScore = 0;
    for (int name : candidates) {
      double score = similarity(q, name);
      String theirs = countries[owner[name]];
      boolean known = country != null && theirs != null;
      score =
          known && country.equals(theirs)
              ? Math.min(0.99, score + 0.05)
              : Math.min(known ? SAME_NAME_ELSEWHERE : 0.99, score);
      if (best < 0
          || score > bestScore
          || score == bestScore && compareNames(name, best, country, ownGuide) < 0) {
        best = name;
        bestScore = score;
      }
    }
    if (best < 0 || bestScore < REVIEW) {
      return Optional.empty();
    }
    String reason = String.format(Locale.ROOT, "similar to '%s' (%.2f)", labels[best], bestScore);
    return found(owner[best], bestScore, Stage.FUZZY, reason);
  }

  /** The score of guide name {@code name} for the query, before the countries count. */
  private double similarity(Query q, int name) {
    int[] tokens = index.tokens;
    int from = index.tokenStart[name];
    int to = index.tokenStart[name + 1];
    double[] bestTheirs = new double[to - from];
    double mine = 0;
    int unmatched = 0;
    boolean shared = false;
    int[] kindsSeen = new int[3];
    int[] kindsShared = new int[3];
    for (int i = 0; i < q.ids().length; i++) {
      double best = 0;
      for (int j = from; j < to; j++) {
        double sim = index.similarity(q.words().get(i), q.ids()[i], tokens[j]);
        best = Math.max(best, sim);
        bestTheirs[j - from] = Math.max(bestTheirs[j - from], sim);
        shared |= q.ids()[i] == tokens[j];
        kindsShared[q.kinds()[i]] += q.ids()[i] == tokens[j] ? 1 : 0;
      }
      mine += q.weights()[i] * best;
      unmatched += best == 0 ? 1 : 0;
    }
    double other = 0;
    for (int j = from; j < to; j++) {
      other += index.idf[tokens[j]] * bestTheirs[j - from];
      unmatched += bestTheirs[j - from] == 0 ? 1 : 0;
      kindsSeen[index.kind[tokens[j]]]++;
    }
    int[] kindsAsked = new int[3];
    for (byte k : q.kinds()) {
      kindsAsked[k]++;
    }
    double p = mine / q.weight();
    double r = other / index.nameWeight[name];
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    double score =
        0.75 * f1 + 0.25 * TokenIndex.jaroWinkler(q.key(), keys[name]) - UNMATCHED * unmatched;
    if (sameLetters(q.key(), keys[name])) {
      score = Math.max(score, 0.96);
    } else if (!shared) {
      score = Math.min(score, AUTO - 0.06);
    }
    boolean numbersDiffer =
        kindsShared[TokenIndex.DIGITS] != kindsAsked[TokenIndex.DIGITS]
            || kindsSeen[TokenIndex.DIGITS] != kindsAsked[TokenIndex.DIGITS];
    boolean regionsDiffer =
        kindsAsked[TokenIndex.REGION] > 0
            && kindsSeen[TokenIndex.REGION] > 0
            && (kindsShared[TokenIndex.REGION] != kindsAsked[TokenIndex.REGION]
                || kindsSeen[TokenIndex.REGION] != kindsAsked[TokenIndex.REGION]);
    return score - (numbersDiffer ? 0.30 : 0) - (regionsDiffer ? 0.30 : 0);
  }

  /** A hash of the key's letters without its spaces. */
  private static int lettersHash(String key) {
    int h = 0;
    for (int i = 0; i < key.length(); i++) {
      h = key.charAt(i) == ' ' ? h : 31 * h + key.charAt(i);
    }
    return h;
  }

  /** Whether two keys are the same letters once their spaces go ("al hurra", "alhurra"). */
  private static boolean sameLetters(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      i += i < a.length() && a.charAt(i) == ' ' ? 1 : 0;
      j += j < b.length() && b.charAt(j) == ' ' ? 1 : 0;
      if (i == a.length() || j == b.length()) {
        return i == a.length() && j == b.length();
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
    }
  }

  /**
   * A guide channel id read as a name: feed ({@code @HD}) and country or source suffix ({@code
   * .uk}) off, split where case or digits change: {@code BBC1London.uk} is "BBC 1 London".
   */
  static String idAsName(String id) {
    String s = id == null ? "" : id.contains("@") ? id.substring(0, id.indexOf('@')) : id;
    int dot = s.lastIndexOf('.');
    if (dot > 0
        && s.length() - dot <= 5
        && s.substring(dot + 1).chars().allMatch(Character::isLetter)) {
      s = s.substring(0, dot);
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char p = i > 0 ? s.charAt(i - 1) : ' ';
      boolean nextLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
      if (Character.isUpperCase(c)
              && (Character.isLowerCase(p) || Character.isUpperCase(p) && nextLower)
          || Character.isLetter(p) && Character.isDigit(c)
          || Character.isDigit(p) && Character.isLetter(c)) {
        out.append(' ');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The country a guide channel id ends with ({@code .uk}, {@code .us}), or null. */
  static String idCountry(String id) {
    String s = id == null ? "" : id.contains("@") ? id.substring(0, id.indexOf('@')) : id;
    int dot = s.lastIndexOf('.');
    return dot > 0 && s.length() - dot == 3
        ? ChannelNames.country(s.substring(dot + 1).toLowerCase(Locale.ROOT))
        : null;
  }
}
