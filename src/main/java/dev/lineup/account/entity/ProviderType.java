package dev.lineup.account.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How Lineup talks to an account's provider. */
public enum ProviderType {
  /** An Xtream Codes panel: {@code player_api.php} with username and password. */
  XTREAM,
  /** A plain M3U playlist URL; its groups become categories. */
  M3U;

  /** Reads what the user gave as the server: a panel base URL, or a whole playlist URL. */
  public ServerUrl server(String text) {
    return this == M3U ? ServerUrl.playlist(text) : ServerUrl.parse(text);
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ProviderType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equalsIgnoreCase(code)).findFirst();
  }
}
