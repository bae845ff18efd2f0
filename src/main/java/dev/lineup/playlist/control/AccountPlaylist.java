package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.entity.PlaylistConfig.GroupBy;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import dev.lineup.playlist.entity.PlaylistConfig.OrderBy;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * An account's playlist: its active channels that pass its filters, in name order, numbered by the
 * provider and grouped by category — the playlist of a config holding just this account, written by
 * the same {@link ConfigPlaylist}.
 */
@ApplicationScoped
public class AccountPlaylist {
  @Inject ChannelPreview preview;

  /**
   * Checks that the account can be served: enabled (else 403) and synced (else 503).
   *
   * @throws ProblemException when it cannot
   */
  public void requireServable(Account account) {
    if (!account.enabled()) {
      throw new ProblemException(
          403, "Forbidden", "Account " + account.id() + " is disabled; enable it to serve it.");
    }
    if (preview.synced(List.of(account.id())).isEmpty()) {
      throw new ProblemException(
              503,
              "Not synced yet",
              "Account "
                  + account.id()
                  + " has no synced channels yet; sync it (POST /api/accounts/"
                  + account.id()
                  + "/sync) and load the playlist again.")
          .with("retry_after_seconds", 60);
    }
  }

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
        true);
  }
}
