package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A provider's own stream URLs for an Xtream account, built from its server and credentials (an M3U
 * account's entries carry theirs). They hold the provider's password: secrets, for players only.
 */
public final class ProviderUrls {
  private ProviderUrls() {}

  /** {@code {server}/live/{user}/{pass}/} for Xtream accounts; null for M3U accounts. */
  public static String liveBase(Account account) {
    if (account.providerType() == ProviderType.M3U) {
      return null;
    }
    return server(account) + "/live/" + credentials(account) + "/";
  }

  /**
   * The provider's archive URL of an Xtream account's stream ({@code
   * {server}/timeshift/{user}/{pass}/{minutes}/{start}/{stream_id}.ts}); empty for an M3U account,
   * whose playlist gives no archive URL.
   */
  public static Optional<String> archiveUrl(
      Account account, int minutes, String start, String streamId) {
    if (account.providerType() == ProviderType.M3U) {
      return Optional.empty();
    }
    return Optional.of(
        server(account)
            + "/timeshift/"
            + credentials(account)
            + "/"
            + minutes
            + "/"
            + start
            + "/"
            + segment(streamId)
            + ".ts");
  }

  private static String server(Account account) {
    String server = account.serverUrl();
    while (server.endsWith("/")) {
      server = server.substring(0, server.length() - 1);
    }
    return server;
  }

  private static String credentials(Account account) {
    return segment(account.username()) + "/" + segment(account.password());
  }

  private static String segment(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
