package dev.lineup.identity.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Channel names reduced to what tells channels apart, so that the names a provider and a guide give
 * one channel compare equal: {@code "UK: BBC One HD"}, {@code "BBC ONE"} and {@code "BBC 1"} all
 * become {@code "bbc 1"} (country {@code "uk"} for the first).
 *
 * <p>What goes: case and accents (NFKD, combining marks dropped, so {@code ᴴᴰ} folds to "hd");
 * separators ({@code | : - _ . / , + ! '} and the like; {@code &} becomes the word "and", a {@code
 * +} right after a word the word "plus": {@code AMC+} is not {@code AMC}, {@code Canal+} is {@code
 * Canal Plus}; {@code +1} stays a separator); a country prefix ({@code UK:}, {@code US|}, {@code ca
 * }, {@code USA:}, {@code CANADA:}) and a trailing country marker ({@code (UK)}, {@code " PT"});
 * provider marks ({@code VIP}, {@code BACKUP}); quality and format marks ({@code HD FHD UHD SD 4K
 * RAW 1080p 50FPS HEVC H.265} …, also glued to a word: {@code WildHD}); bracketed text ({@code
 * (BACKUP) [Not 24/7] (SG) (720p)}) unless it is a call sign ({@code (WABC)}, {@code (KTLA-TV)}:
 * 3–4 capitals starting with K, W or C, kept without the suffix) or a bare number. What stays:
 * every word and number that tells channels apart ({@code london}, {@code 2}); number words one to
 * ten become digits (leading zeros go: {@code 02} is {@code 2}), and letters and digits written
 * together are split ({@code ITV4} is {@code itv 4}).
 *
 * <p>A country word counts only as a prefix or a trailing marker: two-letter codes and words
 * followed by {@code :}, {@code |} or {@code " - "} (ambiguous ones such as {@code MY}, {@code ID}
 * only so), a few unambiguous codes also bare ({@code UK Dave}); at the end, bracketed, a
 * two-letter code (bare-safe or written in capitals) or a country word, which is kept in the key
 * ({@code "Nickelodeon Canada"}). A name that is only a country word keeps it. One pass over the
 * characters; no regular expression per character.
 */
public final class ChannelNames {

  /**
   * A normalised name.
   *
   * @param key the tokens joined by single spaces, {@code ""} when nothing is left
   * @param tokens the kept tokens, lowercase ASCII where the name was Latin
   * @param country a lowercase country code ({@code "uk"}, {@code "us"}, …) or null
   */
  public record Normalised(String key, List<String> tokens, String country) {}

  private static final Normalised EMPTY = new Normalised("", List.of(), null);

  private static final Pattern CALL_SIGN =
      Pattern.compile("\\s*[KWC][A-Z]{2,3}(?:-(?:TV|DT))?\\s*");

  private static final Set<String> QUALITY =
      Set.of(
          "hd fhd uhd sd hq qhd fhdp hdr 4k 8k raw hevc h264 h265 x264 x265 fps 25fps 30fps 50fps 60fps"
              .split(" "));
  private static final Set<String> PROVIDER = Set.of("vip", "backup", "bkp");
  private static final Set<String> BARE_RESOLUTION = Set.of("720", "1080", "2160", "4320");
  private static final Map<String, String> NUMBERS =
      Map.of(
          "one", "1", "two", "2", "three", "3", "four", "4", "five", "5", "six", "6", "seven", "7",
          "eight", "8", "nine", "9", "ten", "10");

  /** Country codes and words to their code. Ambiguous short words (tv, fm, id, me…) are absent. */
  private static final Map<String, String> COUNTRIES = new HashMap<>();

  /** Codes that count only before {@code :} or {@code |} ({@code "MY: Astro"}, not "My5"). */
  private static final Set<String> MARKED = Set.of("my", "id", "me", "to", "so");

  /** Codes that count even bare, at the start ({@code "UK Dave"}) or in lowercase at the end. */
  private static final Set<String> BARE_SAFE =
      Set.of(
          ("uk gb us ca de fr es nl pt br mx au ie pl tr se dk fi ch gr ru ro hu cz hr rs bg ua nz za"
                  + " ae pk ph cn hk jp kr")
              .split(" "));

  static {
    for (String code :
        ("uk us ca de fr es it nl pt br mx ar in au ie pl tr se no dk fi be ch at gr ru ro hu cz sk"
                + " hr rs si ba mk al bg ua by il ae sa eg ma dz tn lb jo iq ir pk bd lk np ph th vn"
                + " jp kr kp cn hk tw sg nz za ng ke gh cl co pe ve ec uy py bo cr pr jm kw qa bh om"
                + " sy af az ge kz lt lv ee is lu mt cy")
            .split(" ")) {
      COUNTRIES.put(code, code);
    }
    for (String pair :
        ("gb=uk usa=us canada=ca irish=ie ireland=ie germany=de deutschland=de france=fr"
                + " spain=es espana=es italy=it italia=it portugal=pt brazil=br brasil=br mexico=mx"
                + " argentina=ar india=in australia=au poland=pl polska=pl turkey=tr turkiye=tr"
                + " sweden=se sverige=se norway=no norge=no denmark=dk danmark=dk finland=fi"
                + " suomi=fi belgium=be switzerland=ch schweiz=ch suisse=ch austria=at osterreich=at"
                + " netherlands=nl nederland=nl holland=nl greece=gr russia=ru romania=ro hungary=hu")
            .split(" ")) {
      COUNTRIES.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
  }

  private ChannelNames() {}

  /** One token as scanned, with what the country rules need to know about it. */
  private record Token(String text, boolean upper, boolean markerBefore, boolean markerAfter) {}

  /**
   * Normalises a channel or guide channel name.
   *
   * @param name a name as a provider or guide gives it; null and blank give key {@code ""}
   * @return the key, its tokens and the country the name shows (or null)
   */
  public static Normalised normalise(String name) {
    if (name == null || name.isBlank()) {
      return EMPTY;
    }
    String text = fold(name);
    List<Token> tokens = new ArrayList<>(8);
    String bracketCountry = scan(text, 0, text.length(), tokens, false);
    tokens = dropMarks(tokens);
    String country = null;
    if (tokens.size() > 1) {
      Token first = tokens.get(0);
      String code = COUNTRIES.get(first.text());
      code =
          code == null && first.markerAfter() && MARKED.contains(first.text())
              ? first.text()
              : code;
      if (code != null
          && (first.markerAfter() || first.text().length() == 2 && BARE_SAFE.contains(code))) {
        country = code;
        tokens.remove(0);
      }
    }
    if (bracketCountry != null && (country == null || country.equals(bracketCountry))) {
      country = bracketCountry;
    }
    if (tokens.size() > 1) {
      Token last = tokens.get(tokens.size() - 1);
      String code = COUNTRIES.get(last.text());
      if (code != null && (country == null || country.equals(code))) {
        boolean isCode = last.text().length() == 2;
        if (isCode && (last.upper() || BARE_SAFE.contains(code)) || last.markerBefore()) {
          tokens.remove(tokens.size() - 1);
          country = code;
        } else if (!isCode) {
          country = code;
        }
      }
    }
    if (tokens.isEmpty()) {
      return bracketCountry == null ? EMPTY : new Normalised("", List.of(), bracketCountry);
    }
    if (tokens.size() == 1 && country == null) {
      country = COUNTRIES.get(tokens.get(0).text());
    }
    String[] kept = new String[tokens.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = tokens.get(i).text();
    }
    return new Normalised(String.join(" ", kept), List.of(kept), country);
  }

  /**
   * The country a category name shows ({@code "UK | ENTERTAINMENT"}, {@code "USA NEWS NETWORKS"},
   * {@code "MOVIES UK"}): its first or last word when that is a country code or word; null if none.
   */
  public static String categoryCountry(String category) {
    Normalised n = normalise(category);
    if (n.country() != null || n.tokens().isEmpty()) {
      return n.country();
    }
    String code = COUNTRIES.get(n.tokens().get(0));
    return code != null ? code : COUNTRIES.get(n.tokens().get(n.tokens().size() - 1));
  }

  /** The country code of a lowercase code or word ({@code "usa"} is "us"), or null. */
  static String country(String word) {
    return COUNTRIES.get(word);
  }

  /** Lowercase-free fold: NFKD, combining marks dropped, a few letters NFKD keeps spelled out. */
  private static String fold(String name) {
    boolean ascii = true;
    for (int i = 0; i < name.length() && ascii; i++) {
      ascii = name.charAt(i) < 128;
    }
    if (ascii) {
      return name;
    }
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      switch (c) {
        case 'ß' -> out.append("ss");
        case 'æ' -> out.append("ae");
        case 'Æ' -> out.append("AE");
        case 'œ' -> out.append("oe");
        case 'Œ' -> out.append("OE");
        case 'ø' -> out.append('o');
        case 'Ø' -> out.append('O');
        case 'ł' -> out.append('l');
        case 'Ł' -> out.append('L');
        case 'đ' -> out.append('d');
        case 'Đ' -> out.append('D');
        case 'ı' -> out.append('i');
        case 'þ' -> out.append("th");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Scans {@code text[from, to)} into tokens. Brackets are read as a whole: a call sign or a number
   * stays, a country is answered, anything else is dropped. Inside a bracket ({@code nested}),
   * another bracket is a separator.
   */
  private static String scan(String text, int from, int to, List<Token> out, boolean nested) {
    String country = null;
    boolean markerBefore = false;
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        int start = i;
        boolean upper = true;
        while (i < to && Character.isLetterOrDigit(text.charAt(i))) {
          upper &= !Character.isLowerCase(text.charAt(i));
          i++;
        }
        add(text.substring(start, i), upper, markerBefore, markerAfter(text, i, to), out);
        markerBefore = false;
        continue;
      }
      int close = nested ? -1 : closeOf(text, i, to);
      if (close > 0) {
        String inside = text.substring(i + 1, close);
        List<Token> group = new ArrayList<>(2);
        scan(text, i + 1, close, group, true);
        if (CALL_SIGN.matcher(inside).matches()) {
          out.add(group.get(0));
        } else if (group.size() == 1 && isNumber(group.get(0).text())) {
          out.add(group.get(0));
        } else if (group.size() == 1 && COUNTRIES.containsKey(group.get(0).text())) {
          country = COUNTRIES.get(group.get(0).text());
        }
        i = close + 1;
        continue;
      }
      if (c == '&') {
        out.add(new Token("and", false, false, false));
      } else if (c == '+'
          && i > from
          && Character.isLetter(text.charAt(i - 1))
          && (i + 1 == to || !Character.isDigit(text.charAt(i + 1)))) {
        out.add(new Token("plus", false, false, false));
      }
      markerBefore |= isMarker(text, i, to);
      i++;
    }
    return country;
  }

  /** Whether the separators after a token (up to the next token) hold a country marker. */
  private static boolean markerAfter(String text, int i, int to) {
    for (; i < to; i++) {
      if (isMarker(text, i, to)) {
        return true;
      }
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return false;
  }

  /**
   * {@code :}, {@code |} or a dash followed by a space ({@code "UK - BBC"}, not {@code "Al-Fady"}).
   */
  private static boolean isMarker(String text, int i, int to) {
    char c = text.charAt(i);
    return c == ':' || c == '|' || c == '-' && (i + 1 == to || text.charAt(i + 1) == ' ');
  }

  /** The index of the bracket closing the one at {@code i}, or -1 when it is none or unclosed. */
  private static int closeOf(String text, int i, int to) {
    char open = text.charAt(i);
    char close =
        switch (open) {
          case '(' -> ')';
          case '[' -> ']';
          case '{' -> '}';
          default -> 0;
        };
    if (close == 0) {
      return -1;
    }
    int at = text.indexOf(close, i + 1);
    return at < 0 || at >= to ? -1 : at;
  }

  /**
   * Adds one scanned word: quality marks whole ({@code 1080p}, {@code 4k}, {@code h265}), else
   * split where letters and digits meet, number words as digits.
   */
  private static void add(
      String raw, boolean upper, boolean before, boolean after, List<Token> out) {
    if (raw.length() >= 5 && raw.endsWith("HD") && !upper) {
      raw = raw.substring(0, raw.length() - (raw.endsWith("FHD") || raw.endsWith("UHD") ? 3 : 2));
    }
    String word = raw.toLowerCase(Locale.ROOT);
    if (QUALITY.contains(word) || isResolution(word)) {
      out.add(new Token(word, upper, before, after));
      return;
    }
    int start = 0;
    for (int i = 1; i <= word.length(); i++) {
      if (i == word.length()
          || Character.isDigit(word.charAt(i)) != Character.isDigit(word.charAt(i - 1))) {
        int digits = start;
        while (digits < i - 1
            && word.charAt(digits) == '0'
            && Character.isDigit(word.charAt(i - 1))) {
          digits++;
        }
        String part = word.substring(digits, i);
        boolean last = i == word.length();
        out.add(
            new Token(
                NUMBERS.getOrDefault(part, part), upper, before && start == 0, after && last));
        start = i;
      }
    }
  }

  /**
   * Drops quality, format and provider marks ({@code H.265} is two tokens, {@code HD 1080} too).
   */
  private static List<Token> dropMarks(List<Token> tokens) {
    List<Token> kept = new ArrayList<>(tokens.size());
    boolean afterQuality = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String w = t.text();
      boolean quality = QUALITY.contains(w) || isResolution(w);
      if (quality || PROVIDER.contains(w) || afterQuality && BARE_RESOLUTION.contains(w)) {
        afterQuality = quality;
        continue;
      }
      if (w.equals("h")
          && i + 1 < tokens.size()
          && (tokens.get(i + 1).text().equals("264") || tokens.get(i + 1).text().equals("265"))) {
        i++;
        continue;
      }
      afterQuality = false;
      kept.add(t);
    }
    return kept;
  }

  /** {@code 1080p}, {@code 720p}, {@code 1080i}: three or four digits and p or i. */
  private static boolean isResolution(String w) {
    int n = w.length();
    if (n < 4 || n > 5 || w.charAt(n - 1) != 'p' && w.charAt(n - 1) != 'i') {
      return false;
    }
    return isNumber(w.substring(0, n - 1));
  }

  private static boolean isNumber(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return !w.isEmpty();
  }
}
