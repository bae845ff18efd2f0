package dev.lineup.tag.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which text a tag rule looks at: the channel name, the category name, or both (name first). */
public enum RuleSource {
  CHANNEL_NAME,
  CATEGORY_NAME,
  BOTH;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean channelName() {
    return this != CATEGORY_NAME;
  }

  public boolean categoryName() {
    return this != CHANNEL_NAME;
  }

  public static Optional<RuleSource> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equalsIgnoreCase(code)).findFirst();
  }
}
