package dev.lineup.backup.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stored objects of one kind, matched to a file's objects by name: the same name exactly, else the
 * same but for case (the database's names are unique whatever their case, so that one would clash
 * anyway). Each stored object matches once; the ones never matched are left alone.
 */
final class ByName<T> {
  private final List<T> unmatched;
  private final Function<T, String> name;

  ByName(List<T> stored, Function<T, String> name) {
    this.unmatched = new ArrayList<>(stored);
    this.name = name;
  }

  /**
   * Names compared as the database does ({@code utf8mb4_unicode_ci}): case and accents aside
   * ("Café" is "CAFE").
   */
  static java.text.Collator collator() {
    java.text.Collator collator = java.text.Collator.getInstance(java.util.Locale.ROOT);
    collator.setStrength(java.text.Collator.PRIMARY);
    return collator;
  }

  /** The stored object for this name, now taken; null when there is none. */
  T take(String wanted) {
    T found = null;
    for (T item : unmatched) {
      if (name.apply(item).equals(wanted)) {
        found = item;
        break;
      }
    }
    if (found == null) {
      java.text.Collator same = collator();
      for (T item : unmatched) {
        if (same.equals(name.apply(item), wanted)) {
          found = item;
          break;
        }
      }
    }
    unmatched.remove(found);
    return found;
  }

  /** The stored objects no name took. */
  List<T> rest() {
    return List.copyOf(unmatched);
  }
}
