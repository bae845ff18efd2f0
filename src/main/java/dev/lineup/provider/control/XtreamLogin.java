package dev.lineup.provider.control;

import jakarta.json.bind.annotation.JsonbTransient;

/**
 * What a provider's login ({@code player_api.php} without action) tells about the subscription.
 * Built field by field: the provider's answer also holds the password, which never leaves here.
 */
public record XtreamLogin(boolean success, ServerInfo serverInfo, UserInfo userInfo) {
  public record ServerInfo(
      String url,
      String port,
      String httpsPort,
      String serverProtocol,
      String timezone,
      String time) {}

  /**
   * @param expDate ISO-8601 UTC expiry, or null when the subscription does not expire or the panel
   *     wrote a date that cannot be read ({@code expDateUnreadable}, kept for Lineup alone)
   */
  public record UserInfo(
      String username,
      String status,
      String expDate,
      Integer maxConnections,
      Integer activeCons,
      Boolean isTrial,
      @JsonbTransient boolean expDateUnreadable) {}
}
