package dev.lineup.relay.control;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelSelection;
import dev.lineup.identity.control.MergedChannels;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.control.ProviderUrls;
import dev.lineup.playlist.control.StreamOptions;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a playlist's channel is played from: the channel itself, and for a playlist that merges
 * duplicates, the merged channel's other sources in the playlist too (its other accounts, in the
 * sources' order), each with the provider URL and the request headers its entry asked for.
 */
@ApplicationScoped
public class RelaySources {
  /** More sources than this are not tried (each failed one costs the player a few seconds). */
  private static final int MAX_SOURCES = 8;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject ConfigPlaylist configs;

  /** The play of {@code entry}, a channel of the playlist of these settings. */
  public Relay.Play play(
      PlaylistSettings settings,
      List<Account> accounts,
      PlaylistEntry entry,
      Long xtreamUser,
      int xtreamLimit)
      throws IOException {
    Map<Long, Account> byId = new LinkedHashMap<>();
    accounts.forEach(a -> byId.put(a.id(), a));
    List<Source> sources = new ArrayList<>();
    if (entry.providerUrl() != null && !entry.providerUrl().isBlank()) {
      sources.add(
          source(
              entry.channelId(),
              byId.get(entry.accountId()),
              entry.providerUrl(),
              entry.options()));
    }
    if (settings.mergeDuplicates()) {
      sources.addAll(others(settings, accounts, byId, entry.channelId()));
    }
    return new Relay.Play(
        entry.channelId(), entry.title(), sources, xtreamUser, xtreamLimit, false);
  }

  /**
   * The play of a part of a channel's archive ({@code url}, the provider's): one source, not
   * shared, with an end.
   */
  public Relay.Play archive(
      Relay relay,
      PlaylistEntry entry,
      Account account,
      String url,
      Long xtreamUser,
      int xtreamLimit) {
    return new Relay.Play(
        relay.unsharedKey(),
        entry.title() + " (archive)",
        List.of(source(entry.channelId(), account, url, entry.options())),
        xtreamUser,
        xtreamLimit,
        true);
  }

  /** The merged channel's other sources in the playlist, in order. */
  private List<Source> others(
      PlaylistSettings settings, List<Account> accounts, Map<Long, Account> byId, long channelId)
      throws IOException {
    Optional<ChannelSelection> selection = configs.selection(settings, accounts, null);
    if (selection.isEmpty()) {
      return List.of();
    }
    ChannelSelection.Sql sql = selection.get().sql();
    String statement =
        sql.select()
            + "c.id, c.account_id, c.stream_id, c.stream_url, c.extras "
            + sql.from()
            + sql.where()
            + " AND c.merge_key = (SELECT k.merge_key FROM channels k WHERE k.id = ?)"
            + " AND c.id <> ?"
            + " ORDER BY "
            + MergedChannels.POSITION
            + ", c.account_id, c.id LIMIT "
            + MAX_SOURCES;
    List<Source> sources = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(statement)) {
      int i = 1;
      for (Object param : sql.params()) {
        query.setObject(i++, param);
      }
      query.setLong(i++, channelId);
      query.setLong(i, channelId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          Account account = byId.get(rs.getLong(2));
          if (account == null) {
            continue;
          }
          String base = ProviderUrls.liveBase(account);
          String url = base == null ? rs.getString(4) : base + rs.getString(3) + ".ts";
          if (url != null && !url.isBlank()) {
            sources.add(source(rs.getLong(1), account, url, StreamOptions.of(rs.getString(5))));
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not read the sources of channel " + channelId, e);
    }
    return sources;
  }

  private static Source source(long channelId, Account account, String url, StreamOptions options) {
    return new Source(
        channelId, account.id(), account.name(), account.connectionLimit(), url, headers(options));
  }

  /**
   * The request headers a provider's entry asked for: its user agent and referrer, and the origin
   * and cookie of its {@code #EXTVLCOPT} lines.
   */
  static Map<String, String> headers(StreamOptions options) {
    Map<String, String> headers = new LinkedHashMap<>();
    String agent = options.attributes().get("user-agent");
    if (agent != null) {
      headers.put("User-Agent", agent);
    }
    String referrer = options.attributes().get("referrer");
    if (referrer != null) {
      headers.put("Referer", referrer);
    }
    for (String line : options.lines()) {
      String option = line.substring(line.indexOf(':') + 1);
      int equals = option.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = option.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String value = option.substring(equals + 1).strip();
      if (value.isEmpty() || value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        continue;
      }
      if (name.equals("http-origin")) {
        headers.put("Origin", value);
      } else if (name.equals("http-cookie")) {
        headers.put("Cookie", value);
      }
    }
    return Map.copyOf(headers);
  }
}
