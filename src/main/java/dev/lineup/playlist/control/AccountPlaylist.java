package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.playlist.entity.PlaylistConfig.GroupBy;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import dev.lineup.playlist.entity.PlaylistConfig.OrderBy;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import dev.lineup.playlist.entity.PlaylistConfig.StreamMode;
import java.util.Set;

/**
 * An account's playlist: its active channels that pass its filters, in name order, numbered by the
 * provider and grouped by category — the playlist of a config holding just this account, written by
 * the same {@link ConfigPlaylist}.
 */
public final class AccountPlaylist {
  private AccountPlaylist() {}

  /** The account's own playlist: all its channels, filtered, grouped by category. */
  public static PlaylistSettings settings(Account account) {
    return new PlaylistSettings(
        account.name(),
        null,
        Set.of(account.id()),
        Set.of(),
        Set.of(),
        Set.of(),
        false,
        true,
        Numbering.PROVIDER,
        1,
        GroupBy.CATEGORY,
        OrderBy.NAME,
        false,
        false,
        // an account's own (legacy, id-based) playlist has no secret to put in a relay URL
        StreamMode.REDIRECT,
        true,
        null);
  }
}
