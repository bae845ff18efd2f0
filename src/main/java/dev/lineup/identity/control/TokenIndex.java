package dev.lineup.identity.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The tokens of a guide's normalised names, for {@link GuideMatcher}'s fuzzy stage: each name's
 * distinct tokens, each token's idf weight and the names holding it (an inverted index in flat
 * arrays: a few bytes a token and a name, no map entries), and the candidates for a name.
 */
final class TokenIndex {
  static final byte DIGITS = 1;
  static final byte REGION = 2;
  private static final double SIMILAR = 0.88;
  private static final Set<String> REGIONS =
      Set.of(
          ("london scotland wales cymru northern ni yorkshire midlands anglia granada meridian tyne"
                  + " tees border east west north south pacific mountain central atlantic")
              .split(" "));

  /** Name {@code i}'s token ids are {@code tokens[tokenStart[i], tokenStart[i + 1])}. */
  final int[] tokenStart;

  final int[] tokens;

  /** The sum of the idf of each name's tokens. */
  final float[] nameWeight;

  final String[] text;
  final byte[] kind;
  final float[] idf;
  private final int[] postingStart;
  private final int[] postings;
  private final HashIndex byText;
  private final HashIndex byPrefix;
  private final int commonLimit;
  private final float unknownIdf;
  private final ThreadLocal<Scratch> scratch;

  /** Indexes {@code names}, each given as its tokens. */
  TokenIndex(List<List<String>> names) {
    int count = names.size();
    Map<String, Integer> ids = new HashMap<>();
    List<Integer> flat = new ArrayList<>();
    tokenStart = new int[count + 1];
    for (int i = 0; i < count; i++) {
      for (String t : new LinkedHashSet<>(names.get(i))) {
        flat.add(ids.computeIfAbsent(t, k -> ids.size()));
      }
      tokenStart[i + 1] = flat.size();
    }
    tokens = flat.stream().mapToInt(Integer::intValue).toArray();
    text = new String[ids.size()];
    ids.forEach((t, id) -> text[id] = t);
    kind = new byte[text.length];
    idf = new float[text.length];
    postingStart = new int[text.length + 1];
    for (int t : tokens) {
      postingStart[t + 1]++;
    }
    for (int t = 0; t < text.length; t++) {
      idf[t] = (float) Math.log(1.0 + (double) count / postingStart[t + 1]);
      postingStart[t + 1] += postingStart[t];
      kind[t] = kindOf(text[t]);
    }
    postings = new int[tokens.length];
    int[] filled = Arrays.copyOf(postingStart, text.length);
    nameWeight = new float[count];
    for (int i = 0; i < count; i++) {
      for (int at = tokenStart[i]; at < tokenStart[i + 1]; at++) {
        postings[filled[tokens[at]]++] = i;
        nameWeight[i] += idf[tokens[at]];
      }
    }
    byText = HashIndex.of(text.length, t -> text[t].hashCode());
    byPrefix = HashIndex.of(text.length, t -> text[t].length() < 4 ? 0 : prefixHash(text[t]));
    commonLimit = Math.max(100, count / 50);
    unknownIdf = (float) Math.log(1.0 + count);
    scratch = ThreadLocal.withInitial(() -> new Scratch(count));
  }

  /** The id of a token, or -1 when no name holds it. */
  int id(String word) {
    int h = word.hashCode();
    for (int at = byText.first(h); byText.has(at, h); at++) {
      if (text[byText.items()[at]].equals(word)) {
        return byText.items()[at];
      }
    }
    return -1;
  }

  /** A token's weight: its idf, the highest there is when no name holds it. */
  float weight(int id) {
    return id < 0 ? unknownIdf : idf[id];
  }

  /**
   * The {@code k} names sharing the most weight with a query (Dice), best first, and every name of
   * {@code extra}. The names of a token held by very many count only when the query has no rarer
   * one; a token no name holds reaches the tokens starting alike that are {@link #similarity
   * similar}.
   */
  int[] candidates(List<String> words, int[] ids, float[] weights, int[] extra, int k) {
    Scratch s = scratch.get();
    boolean anyRare = false;
    float total = 0;
    for (int i = 0; i < ids.length; i++) {
      anyRare |= ids[i] >= 0 && count(ids[i]) <= commonLimit;
      total += weights[i];
    }
    for (int i = 0; i < ids.length; i++) {
      String word = words.get(i);
      if (ids[i] >= 0 && (!anyRare || count(ids[i]) <= commonLimit)) {
        s.add(postings, postingStart[ids[i]], postingStart[ids[i] + 1], weights[i]);
      } else if (ids[i] < 0 && word.length() >= 4 && kindOf(word) != DIGITS) {
        int h = prefixHash(word);
        for (int at = byPrefix.first(h); byPrefix.has(at, h); at++) {
          int t = byPrefix.items()[at];
          double sim = count(t) <= commonLimit ? similarity(word, -1, t) : 0;
          if (sim > 0) {
            s.add(postings, postingStart[t], postingStart[t + 1], (float) (weights[i] * sim));
          }
        }
      }
    }
    s.add(extra, 0, extra.length, 1000f);
    return s.top(k, total, nameWeight);
  }

  /**
   * 1 for the same token; else their Jaro-Winkler similarity when at least {@value #SIMILAR}, both
   * have four letters or more, their lengths differ by two at most and neither is a number; else 0.
   */
  double similarity(String word, int id, int token) {
    if (id == token) {
      return 1;
    }
    String other = text[token];
    if (word.length() < 4
        || other.length() < 4
        || Math.abs(word.length() - other.length()) > 2
        || kindOf(word) == DIGITS
        || kind[token] == DIGITS) {
      return 0;
    }
    double sim = jaroWinkler(word, other);
    return sim >= SIMILAR ? sim : 0;
  }

  private int count(int token) {
    return postingStart[token + 1] - postingStart[token];
  }

  /** {@link #DIGITS} for a number, {@link #REGION} for a region word ({@code london}), else 0. */
  static byte kindOf(String token) {
    return Character.isDigit(token.charAt(0)) ? DIGITS : REGIONS.contains(token) ? REGION : 0;
  }

  private static int prefixHash(String token) {
    return token.substring(0, 3).hashCode();
  }

  /** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
  static double jaroWinkler(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) {
      return 0;
    }
    int range = Math.max(0, Math.max(la, lb) / 2 - 1);
    boolean[] usedA = new boolean[la];
    boolean[] usedB = new boolean[lb];
    int matches = 0;
    for (int i = 0; i < la; i++) {
      for (int j = Math.max(0, i - range), end = Math.min(lb, i + range + 1); j < end; j++) {
        if (!usedB[j] && b.charAt(j) == a.charAt(i)) {
          usedA[i] = true;
          usedB[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int halfSwaps = 0;
    for (int i = 0, j = 0; i < la; i++) {
      if (usedA[i]) {
        while (!usedB[j]) {
          j++;
        }
        halfSwaps += a.charAt(i) != b.charAt(j++) ? 1 : 0;
      }
    }
    double m = matches;
    double jaro = (m / la + m / lb + (m - halfSwaps / 2.0) / m) / 3.0;
    int prefix = 0;
    while (prefix < Math.min(4, Math.min(la, lb)) && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1 - jaro);
  }

  /** Items sorted by a hash of theirs: what a map from the hash would answer, in 8 bytes each. */
  record HashIndex(int[] hashes, int[] items) {
    static HashIndex of(int count, IntUnaryOperator hash) {
      long[] packed = new long[count];
      for (int i = 0; i < count; i++) {
        packed[i] = (long) hash.applyAsInt(i) << 32 | i;
      }
      Arrays.sort(packed);
      int[] hashes = new int[count];
      int[] items = new int[count];
      for (int i = 0; i < count; i++) {
        hashes[i] = (int) (packed[i] >> 32);
        items[i] = (int) packed[i];
      }
      return new HashIndex(hashes, items);
    }

    /** Where the items with {@code hash} start; they go on while {@link #has} says so. */
    int first(int hash) {
      int lo = 0;
      int hi = hashes.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (hashes[mid] < hash) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    boolean has(int at, int hash) {
      return at < hashes.length && hashes[at] == hash;
    }
  }

  /** One thread's candidate weights, cleared by {@link #top}. */
  private static final class Scratch {
    final float[] weight;
    final int[] touched;
    int size;

    Scratch(int names) {
      weight = new float[names];
      touched = new int[names + 1];
    }

    void add(int[] names, int from, int to, float w) {
      for (int at = from; at < to; at++) {
        touched[size] = names[at];
        size += weight[names[at]] == 0 ? 1 : 0;
        weight[names[at]] += w;
      }
    }

    /** The {@code k} names with the highest Dice of shared weight, best first. */
    int[] top(int k, float queryWeight, float[] nameWeight) {
      int[] best = new int[Math.min(k, size)];
      double[] rank = new double[best.length];
      int n = 0;
      for (int i = 0; i < size; i++) {
        int name = touched[i];
        double r = 2 * weight[name] / (queryWeight + nameWeight[name]);
        weight[name] = 0;
        if (n < best.length || r > rank[n - 1]) {
          int at = n < best.length ? n++ : n - 1;
          for (; at > 0 && rank[at - 1] < r; at--) {
            best[at] = best[at - 1];
            rank[at] = rank[at - 1];
          }
          best[at] = name;
          rank[at] = r;
        }
      }
      size = 0;
      return best;
    }
  }
}
