package dev.lineup.tag.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a tag rule's pattern is matched; all ignore case. */
public enum PatternType {
  PREFIX,
  SUFFIX,
  CONTAINS,
  REGEX;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PatternType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equalsIgnoreCase(code)).findFirst();
  }
}
