package dev.lineup.playlist.control;

/**
 * One channel as a playlist lists it: in its order, with its number and group.
 *
 * @param channelId Lineup's own id of the channel (stable across syncs)
 * @param streamId the provider's id
 * @param title what players show: the cleaned name, else the provider's, else a fallback
 * @param name the provider's own name (quality marks such as "FHD" included), or null
 * @param epgChannelId the guide channel players are told (tvg-id): the one a person or the matcher
 *     mapped the channel to, else the provider's
 * @param guide the guide holding it when mapped ({@code account:3}, {@code source:1}), else null
 *     (the provider's id, looked up in the channel's own account's guide)
 * @param number the playlist's number, or null when it numbers none
 * @param group the playlist's group (a category, the first tag or the account), or null
 * @param providerUrl the provider's stream URL (with the provider's credentials: a secret)
 * @param options the provider's stream options, and catch-up when the channel has an archive
 * @param archiveDays days of the provider's archive (catch-up), 0 without one
 * @param added when the provider added it (epoch seconds), or null
 */
public record PlaylistEntry(
    long channelId,
    long accountId,
    String streamId,
    String title,
    String name,
    String icon,
    String epgChannelId,
    String guide,
    Integer number,
    String group,
    String providerUrl,
    StreamOptions options,
    int archiveDays,
    Long added) {}
