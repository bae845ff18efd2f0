package dev.lineup.channel.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one folding of channel names for search, used for the stored documents and for queries alike:
 * compatibility decomposition (so "ᴴᴰ" is "hd" and "ﬁ" is "fi"), accents and case dropped, anything
 * but letters and digits a word break. A query matches a channel when each of its words starts a
 * word of the channel's name or cleaned name (see docs/adr/0003-channel-search.md).
 *
 * <p>Stored words end in {@value #PAD} so every word, even "a" or a stop word like "the", reaches
 * InnoDB's minimum full-text token size and is indexed; a query word {@code w} becomes the
 * truncation term {@code +w*}, which InnoDB never drops for being short or a stop word.
 */
public final class SearchText {
  static final String PAD = "__";

  /** InnoDB's longest token is 84 characters; longer words are cut (a query of them still hits). */
  private static final int MAX_WORD = 84 - PAD.length();

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern BREAKS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private SearchText() {}

  /** {@code text} without case and accents (compatibility forms decomposed, marks dropped). */
  public static String fold(String text) {
    return MARKS
        .matcher(Normalizer.normalize(text, Normalizer.Form.NFKD))
        .replaceAll("")
        .toLowerCase(Locale.ROOT);
  }

  /** The folded words of {@code text}, in order, duplicates kept. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    for (String word : BREAKS.split(fold(text))) {
      if (!word.isEmpty()) {
        words.add(word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word);
      }
    }
    return words;
  }

  /**
   * A channel's stored document: the distinct words of its name, then those of its cleaned name
   * that the name lacks (a replacement rule can add words), each padded.
   */
  public static String document(String name, String cleanedName) {
    Set<String> distinct = new LinkedHashSet<>(words(name));
    distinct.addAll(words(cleanedName));
    StringBuilder document = new StringBuilder();
    for (String word : distinct) {
      if (document.length() + word.length() + PAD.length() + 1 > 1100) {
        break; // the column's size; a name of 512 characters never gets here
      }
      if (document.length() > 0) {
        document.append(' ');
      }
      document.append(word).append(PAD);
    }
    return document.toString();
  }

  /**
   * The boolean-mode full-text expression for a search ({@code +w1* +w2*}), or null when the search
   * has no words (blank or punctuation only: no search at all).
   */
  public static String fullTextQuery(String search) {
    Set<String> terms = new LinkedHashSet<>(words(search));
    if (terms.isEmpty()) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    for (String term : terms) {
      if (query.length() > 0) {
        query.append(' ');
      }
      query.append('+').append(term).append('*');
    }
    return query.toString();
  }

  /** Whether a channel matches a search, in Java (the provider path): same words, same rule. */
  public static boolean matches(String search, String name, String cleanedName) {
    Set<String> terms = new LinkedHashSet<>(words(search));
    if (terms.isEmpty()) {
      return true;
    }
    List<String> words = new ArrayList<>(words(name));
    words.addAll(words(cleanedName));
    for (String term : terms) {
      if (words.stream().noneMatch(w -> w.startsWith(term))) {
        return false;
      }
    }
    return true;
  }
}
