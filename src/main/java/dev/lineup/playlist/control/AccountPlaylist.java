package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.platform.ProblemException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An account's playlist: its active channels that pass its filters, in name order, streamed from
 * the database cursor straight to the player (memory does not grow with the lineup). Xtream
 * channels play from {@code {server}/live/{user}/{pass}/{stream_id}.ts}, M3U channels from their
 * own URL.
 */
@ApplicationScoped
public class AccountPlaylist {
  private static final Logger LOG = Logger.getLogger(AccountPlaylist.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

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
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM channels WHERE account_id = ? LIMIT 1")) {
      query.setLong(1, account.id());
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
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
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read account " + account.id(), e);
    }
  }

  /** Streams the playlist to {@code out}; returns the number of channels written. */
  public int write(Account account, String epgUrl, Writer out) throws IOException {
    long start = System.nanoTime();
    M3uWriter m3u = new M3uWriter(out);
    m3u.header(epgUrl);
    String liveBase = liveBase(account);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT c.stream_id, c.name, c.cleaned_name, c.stream_icon, c.epg_channel_id,"
                    + " c.num, c.stream_url, cat.name FROM channels c LEFT JOIN categories cat"
                    + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
                    + " WHERE c.account_id = ? AND c.is_active = 1 AND c.passes_filters = 1"
                    + " ORDER BY c.name, c.id")) {
      query.setFetchSize(1000); // streamed
      query.setLong(1, account.id());
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          String cleaned = rs.getString(3);
          int num = rs.getInt(6);
          Integer number = rs.wasNull() || num <= 0 ? null : num;
          m3u.entry(
              rs.getString(5),
              cleaned == null || cleaned.isBlank() ? rs.getString(2) : cleaned,
              rs.getString(4),
              number,
              rs.getString(8),
              liveBase == null ? rs.getString(7) : liveBase + rs.getString(1) + ".ts");
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not read the playlist of account " + account.id(), e);
    }
    out.flush();
    LOG.fine(
        () ->
            "Playlist of account "
                + account.id()
                + ": "
                + m3u.entries()
                + " channels in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms");
    return m3u.entries();
  }

  /** The tvg-ids of the account's playlist (its guide keeps only these channels). */
  public java.util.Set<String> channelIds(long accountId) {
    return PlaylistSql.distinctEpgIds(
        dataSource,
        "SELECT DISTINCT c.epg_channel_id FROM channels c WHERE c.account_id = ?"
            + " AND c.is_active = 1 AND c.passes_filters = 1 AND c.epg_channel_id <> ''",
        java.util.List.of(accountId));
  }

  /** {@code {server}/live/{user}/{pass}/} for Xtream accounts; null for M3U accounts. */
  static String liveBase(Account account) {
    if (account.providerType() == ProviderType.M3U) {
      return null;
    }
    String server = account.serverUrl();
    while (server.endsWith("/")) {
      server = server.substring(0, server.length() - 1);
    }
    return server
        + "/live/"
        + segment(account.username())
        + "/"
        + segment(account.password())
        + "/";
  }

  private static String segment(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
