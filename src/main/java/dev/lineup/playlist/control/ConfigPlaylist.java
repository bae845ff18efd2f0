package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.ChannelSelection;
import dev.lineup.channel.control.ChannelTitle;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.GroupBy;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A playlist config's channels, chosen from the database only (never by calling providers) with the
 * same {@link ChannelSelection} the preview uses, and streamed to players in name order.
 */
@ApplicationScoped
public class ConfigPlaylist {
  private static final Logger LOG = Logger.getLogger(ConfigPlaylist.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Inject ChannelPreview preview;
  @Inject PinnedNumbers pinned;

  /**
   * The config's accounts: the included ones that are enabled, or every enabled account but the
   * excluded ones.
   */
  public List<Account> accounts(PlaylistSettings settings) {
    return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
        .filter(Account::enabled)
        .filter(
            a ->
                settings.includeAccounts().isEmpty()
                    ? !settings.excludeAccounts().contains(a.id())
                    : settings.includeAccounts().contains(a.id()))
        .toList();
  }

  /**
   * The selection of the playlist's synced accounts, narrowed by {@code search} when not null (the
   * preview's); empty when nothing can match.
   */
  public Optional<ChannelSelection> selection(
      PlaylistSettings settings, List<Account> accounts, String search) {
    Set<Long> synced = preview.synced(accounts.stream().map(Account::id).toList());
    return preview.selection(
        synced,
        settings.includeTags(),
        settings.matchAll(),
        settings.excludeTags(),
        search,
        false,
        settings.applyFilters());
  }

  /** How many channels the playlist lists now (what its M3U holds). */
  public long count(PlaylistSettings settings) {
    return selection(settings, accounts(settings), null)
        .map(s -> preview.page(s, firstOnly(settings)).total())
        .orElse(0L);
  }

  /** Whether the playlist lists any channel now: its first one is looked for, nothing counted. */
  public boolean servesAny(PlaylistSettings settings) {
    return selection(settings, accounts(settings), null)
        .map(s -> preview.any(s, firstOnly(settings)))
        .orElse(false);
  }

  private static PreviewRequest firstOnly(PlaylistSettings settings) {
    return PreviewRequest.parse(
        "1", null, null, null, null, null, null, null, String.valueOf(settings.mergeDuplicates()));
  }

  /** 403 for a disabled config, 503 when none of its accounts has synced channels. */
  public List<Account> requireServable(PlaylistConfig config) {
    List<Account> accounts = accounts(config.settings());
    requireServable(
        config.enabled(),
        "Playlist " + config.id() + " is disabled; enable it to serve it.",
        accounts,
        "None of the accounts of playlist "
            + config.id()
            + " has synced channels yet; sync them and load the playlist again.");
    return accounts;
  }

  /** An account's own playlist: 403 when the account is disabled, 503 before its first sync. */
  public void requireServable(Account account) {
    requireServable(
        account.enabled(),
        "Account " + account.id() + " is disabled; enable it to serve it.",
        List.of(account),
        "Account "
            + account.id()
            + " has no synced channels yet; sync it (POST /api/accounts/"
            + account.id()
            + "/sync) and load the playlist again.");
  }

  /**
   * What a player is told when a playlist cannot be served: 403 when it is off, 503 (try again in a
   * minute) when none of its accounts has synced channels.
   */
  private void requireServable(
      boolean enabled, String disabled, List<Account> accounts, String notSynced) {
    if (!enabled) {
      throw new ProblemException(403, "Forbidden", disabled);
    }
    if (preview.synced(accounts.stream().map(Account::id).toList()).isEmpty()) {
      throw new ProblemException(503, "Not synced yet", notSynced).with("retry_after_seconds", 60);
    }
  }

  /** Streams the playlist of these settings; returns the number of channels written. */
  public int write(PlaylistSettings s, List<Account> accounts, String epgUrl, Writer out)
      throws IOException {
    return write(s, accounts, epgUrl, out, PlaylistEntry::providerUrl, PlaylistEntry::options);
  }

  /**
   * Streams the playlist of these settings with each entry's URL and options as given (Lineup's own
   * stream URLs for an Xtream login's M3U); returns the number of channels written.
   */
  public int write(
      PlaylistSettings s,
      List<Account> accounts,
      String epgUrl,
      Writer out,
      Function<PlaylistEntry, String> url,
      Function<PlaylistEntry, StreamOptions> options)
      throws IOException {
    long start = System.nanoTime();
    M3uWriter m3u = new M3uWriter(out);
    m3u.header(epgUrl);
    out.flush(); // the player sees the answer start while the database is read
    entries(
        s,
        accounts,
        null,
        e ->
            m3u.entry(
                e.epgChannelId(),
                e.title(),
                e.icon(),
                e.number(),
                e.group(),
                url.apply(e),
                options.apply(e)));
    out.flush();
    LOG.fine(
        () ->
            "Playlist '"
                + s.name()
                + "': "
                + m3u.entries()
                + " channels in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms");
    return m3u.entries();
  }

  /** One channel of the playlist, by Lineup's id; empty when the playlist does not hold it. */
  public Optional<PlaylistEntry> channel(PlaylistSettings s, List<Account> accounts, long channelId)
      throws IOException {
    PlaylistEntry[] found = {null};
    entries(s, accounts, channelId, e -> found[0] = e);
    return Optional.ofNullable(found[0]);
  }

  /** Where a playlist's entries go, one by one. */
  @FunctionalInterface
  public interface EntrySink {
    void accept(PlaylistEntry entry) throws IOException;
  }

  /**
   * Streams the entries of these settings, in the playlist's order and with its numbers and groups,
   * to {@code sink}; with {@code onlyChannel}, just that channel when the playlist holds it (its
   * number is then not the playlist's). Returns the number of entries.
   */
  public int entries(PlaylistSettings s, List<Account> accounts, Long onlyChannel, EntrySink sink)
      throws IOException {
    if (pinnedTo(s) != null && onlyChannel == null) {
      // Numbers are given before a whole playlist is written (reading them in the database), which
      // then takes them from memory; one channel's lookup reads its number in the database
      PinnedNumbers.Given given =
          pinned.ensure(
              s,
              accounts.stream().map(Account::id).toList(),
              all -> stream(s, accounts, null, all, null));
      return stream(s, accounts, null, sink, given);
    }
    return stream(s, accounts, onlyChannel, sink, null);
  }

  /** The config whose pinned numbers the playlist shows, or null. */
  private static Long pinnedTo(PlaylistSettings s) {
    return s.numbering() == Numbering.PINNED ? s.configId() : null;
  }

  /**
   * @param given the playlist's pinned numbers in memory; null: read them with each channel (pinned
   *     numbering) or none
   */
  private int stream(
      PlaylistSettings s,
      List<Account> accounts,
      Long onlyChannel,
      EntrySink sink,
      PinnedNumbers.Given given)
      throws IOException {
    boolean joinNumbers = pinnedTo(s) != null && given == null;
    Optional<ChannelSelection> selection = selection(s, accounts, null);
    if (selection.isEmpty()) {
      return 0;
    }
    Map<Long, Account> byId = new HashMap<>();
    Map<Long, String> liveBases = new HashMap<>();
    for (Account account : accounts) {
      byId.put(account.id(), account);
      liveBases.put(account.id(), ProviderUrls.liveBase(account));
    }
    boolean suffix = s.accountSuffix() && selection.get().accountIds().size() > 1;
    // One entry per merged channel: its first source in this playlist
    ChannelSelection.Sql sql =
        (s.mergeDuplicates() && onlyChannel == null
                ? selection.get().oneSourceEach()
                : selection.get())
            .sql();
    String firstTag =
        s.groupBy() == GroupBy.FIRST_TAG
            ? ", (SELECT MIN(t.name) FROM channel_tags ft JOIN tags t ON t.id = ft.tag_id"
                + " WHERE ft.channel_id = c.id) AS first_tag"
            : ", NULL";
    String statement =
        sql.select()
            + "c.stream_id, c.name, c.cleaned_name, c.stream_icon, c.epg_channel_id, c.num,"
            + " c.stream_url, cat.name, c.account_id"
            + firstTag
            + ", c.extras, c.id, c.tv_archive, c.tv_archive_duration, c.added,"
            // the guide a person or the matcher chose (kept on the channel: IdentityColumns)
            + " c.guide_mapped, c.guide, c.guide_channel_id,"
            + (joinNumbers ? " pn.number" : " NULL")
            + " "
            + sql.from()
            + (!joinNumbers
                ? ""
                : " LEFT JOIN playlist_numbers pn ON pn.playlist_id = "
                    + pinnedTo(s).longValue()
                    + " AND pn.channel_id = c.id")
            + " LEFT JOIN categories cat"
            + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
            + sql.where()
            + (onlyChannel == null ? "" : " AND c.id = " + onlyChannel.longValue())
            + " ORDER BY "
            + order(s);
    int number = s.startNumber();
    int entries = 0;
    GroupNumbers groupNumbers = new GroupNumbers(s.startNumber());
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement query = streamed(connection, statement, sql.params());
          ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          String cleaned = rs.getString(3);
          int num = rs.getInt(6);
          Integer providerNumber = rs.wasNull() || num <= 0 ? null : num;
          long accountId = rs.getLong(9);
          Account account = byId.get(accountId);
          String group =
              switch (s.groupBy()) {
                case CATEGORY -> rs.getString(8);
                case FIRST_TAG -> rs.getString(10);
                case ACCOUNT -> account.name();
              };
          if (suffix && s.groupBy() != GroupBy.ACCOUNT) {
            group = (group == null ? "" : group + " ") + "(" + account.name() + ")";
          }
          String base = liveBases.get(accountId);
          boolean archive = rs.getBoolean(13);
          int archiveDays = rs.getInt(14);
          long added = rs.getLong(15);
          StreamOptions options = StreamOptions.of(rs.getString(11));
          boolean mapped = rs.getBoolean(16);
          sink.accept(
              new PlaylistEntry(
                  rs.getLong(12),
                  accountId,
                  rs.getString(1),
                  M3uWriter.title(cleaned, rs.getString(2), fallbackTitle(providerNumber, rs)),
                  rs.getString(2),
                  rs.getString(4),
                  mapped ? rs.getString(18) : rs.getString(5),
                  mapped ? rs.getString(17) : null,
                  switch (s.numbering()) {
                    case PROVIDER -> providerNumber;
                    case SEQUENTIAL -> number++;
                    case GROUP -> groupNumbers.next(group);
                    case NONE -> null;
                    case PINNED -> given == null ? pinnedNumber(rs) : given.of(rs.getLong(12));
                  },
                  group,
                  base == null ? rs.getString(7) : base + rs.getString(1) + ".ts",
                  archive && archiveDays > 0 ? options.withArchive(archiveDays) : options,
                  archive ? Math.max(0, archiveDays) : 0,
                  added > 0 ? added : null));
          entries++;
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not read playlist '" + s.name() + "'", e);
    }
    return entries;
  }

  /** The channel's pinned number, or null before it has one. */
  private static Integer pinnedNumber(ResultSet rs) throws SQLException {
    int n = rs.getInt(19);
    return rs.wasNull() ? null : n;
  }

  /** What names a channel without a name ({@link ChannelTitle#fallback}). */
  private static String fallbackTitle(Integer providerNumber, ResultSet rs) throws SQLException {
    return ChannelTitle.fallback(providerNumber, rs.getString(5), rs.getString(1));
  }

  /**
   * The ORDER BY of the playlist: by name; by the provider's number (channels without one last); or
   * by group, then name. Group order keeps an account's channels together when the group names
   * carry its name as a suffix.
   */
  static String order(PlaylistSettings s) {
    return switch (s.orderBy()) {
      case NAME -> "c.name, c.id";
      case NUMBER -> "c.num IS NULL, c.num, c.name, c.id";
      case GROUP ->
          switch (s.groupBy()) {
                case CATEGORY -> "cat.name IS NULL, cat.name, c.account_id";
                case FIRST_TAG -> "first_tag IS NULL, first_tag, c.account_id";
                case ACCOUNT ->
                    "(SELECT a.name FROM accounts a WHERE a.id = c.account_id), c.account_id";
              }
              + ", c.name, c.id";
    };
  }

  /** A statement with its parameters whose rows stream instead of being read whole. */
  static PreparedStatement streamed(Connection connection, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement query = connection.prepareStatement(sql);
    query.setFetchSize(1000);
    for (int i = 0; i < params.size(); i++) {
      query.setObject(i + 1, params.get(i));
    }
    return query;
  }
}
