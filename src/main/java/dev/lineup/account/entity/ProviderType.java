package dev.lineup.account.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How Lineup talks to an account's provider. */
public enum ProviderType {
  /** An Xtream Codes panel: {@code player_api.php} with username and password. */
  XTREAM;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ProviderType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equalsIgnoreCase(code)).findFirst();
  }
}
