package dev.lineup.relay.control;

import java.util.Map;

/**
 * One place a channel's stream comes from: a provider URL (with the provider's login in it: a
 * secret, never logged or shown; {@link #toString} leaves it out) and what to ask it with.
 *
 * @param channelId Lineup's id of the channel this source is
 * @param accountId the account whose connection it uses
 * @param account the account's name, for people
 * @param limit how many streams the account may have open at once; null: no limit
 * @param url the provider's stream URL
 * @param headers the request headers the provider's entry asked for (User-Agent, Referer, Origin,
 *     Cookie), none when it asked for none
 */
public record Source(
    long channelId,
    long accountId,
    String account,
    Integer limit,
    String url,
    Map<String, String> headers) {

  @Override
  public String toString() {
    return "channel " + channelId + " of account " + accountId + " (" + account + ")";
  }
}
