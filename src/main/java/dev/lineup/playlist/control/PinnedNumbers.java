package dev.lineup.playlist.control;

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
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Numbers that never move ({@code numbering: pinned}): each channel of a playlist gets a number the
 * first time it appears there, kept in {@code playlist_numbers} through syncs, renames, reorders
 * and channels coming and going. A new channel takes the next free number in its group's hundred
 * (the lowest hundred its group's channels were given numbers in; a new group starts at the next
 * free hundred after the highest number, as {@code group} numbering does). Numbers are given before
 * a playlist is written, when its channels or settings changed since the last time; a download then
 * looks them up in memory ({@link Given}).
 */
@ApplicationScoped
public class PinnedNumbers {
  private static final Logger LOG = Logger.getLogger(PinnedNumbers.class.getName());
  private static final int BATCH = 1_000;
  private static final int BLOCK = 100;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject Freshness freshness;

  /**
   * A playlist's numbers as last given, for the state (changes and settings) they were given for:
   * channel ids in order and their numbers (12 bytes a channel; a download looks each up instead of
   * joining {@code playlist_numbers}, a tenth of its time).
   */
  public record Given(String state, long[] channels, int[] numbers) {
    /** The channel's number, or null. */
    public Integer of(long channel) {
      int i = Arrays.binarySearch(channels, channel);
      return i < 0 ? null : numbers[i];
    }
  }

  /**
   * A person's number for the channel in the playlist (the caller checked that it is free): the row
   * is updated, or inserted.
   */
  public static void pinByPerson(
      jakarta.persistence.EntityManager em, long playlist, long channel, int number) {
    int updated =
        em.createNativeQuery(
                "UPDATE playlist_numbers SET number = ?, by_person = TRUE,"
                    + " assigned_at = UTC_TIMESTAMP(3) WHERE playlist_id = ? AND channel_id = ?")
            .setParameter(1, number)
            .setParameter(2, playlist)
            .setParameter(3, channel)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "INSERT INTO playlist_numbers (playlist_id, channel_id, number, by_person,"
                  + " assigned_at) VALUES (?, ?, ?, TRUE, UTC_TIMESTAMP(3))")
          .setParameter(1, playlist)
          .setParameter(2, channel)
          .setParameter(3, number)
          .executeUpdate();
    }
  }

  /** Per config, its numbers and the state they were last given for. */
  private final Map<Long, Given> given = new ConcurrentHashMap<>();

  /** One pass at a time per config; other configs' players do not wait. */
  private final Map<Long, Object> locks = new ConcurrentHashMap<>();

  /** Streams a playlist's entries in its order, as they are numbered now. */
  @FunctionalInterface
  interface Entries {
    void stream(ConfigPlaylist.EntrySink sink) throws IOException;
  }

  /** What decides which channels a playlist holds and their groups (not its name or order). */
  private static String membership(PlaylistSettings s) {
    return String.join(
        "|",
        s.includeAccounts().toString(),
        s.excludeAccounts().toString(),
        s.includeTags().toString(),
        s.excludeTags().toString(),
        String.valueOf(s.matchAll()),
        String.valueOf(s.applyFilters()),
        String.valueOf(s.startNumber()),
        String.valueOf(s.groupBy()),
        String.valueOf(s.accountSuffix()),
        String.valueOf(s.numbering()),
        String.valueOf(s.mergeDuplicates()));
  }

  /**
   * Gives numbers to the playlist's channels that have none, unless nothing changed since: its
   * channels ({@code ChannelsChanged}), its accounts (one enabled again), or what decides its
   * channels and groups.
   */
  Given ensure(PlaylistSettings settings, List<Long> accounts, Entries entries) throws IOException {
    long config = settings.configId();
    // Freshness counts channel changes before it moves any ETag: a download under a new ETag always
    // sees a new count here, and gives the new channels their numbers first.
    String state = freshness.changes() + "|" + accounts + "|" + membership(settings);
    Given known = given.get(config);
    if (known != null && state.equals(known.state())) {
      return known;
    }
    synchronized (locks.computeIfAbsent(config, c -> new Object())) {
      known = given.get(config);
      if (known != null && state.equals(known.state())) {
        return known;
      }
      boolean complete = give(config, settings.startNumber(), settings.mergeDuplicates(), entries);
      // Not complete: some could not be stored, and the next download gives them again
      known = read(config, complete ? state : "");
      given.put(config, known);
      return known;
    }
  }

  /** The playlist's numbers as they are stored, by channel id. */
  private Given read(long config, String state) throws IOException {
    long[] channels = new long[1024];
    int[] numbers = new int[1024];
    int count = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT channel_id, number FROM playlist_numbers WHERE playlist_id = ?"
                    + " ORDER BY channel_id")) {
      select.setLong(1, config);
      select.setFetchSize(BATCH);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          if (count == channels.length) {
            channels = Arrays.copyOf(channels, count * 2);
            numbers = Arrays.copyOf(numbers, count * 2);
          }
          channels[count] = rs.getLong(1);
          numbers[count++] = rs.getInt(2);
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not read playlist " + config + "'s numbers", e);
    }
    return new Given(state, Arrays.copyOf(channels, count), Arrays.copyOf(numbers, count));
  }

  /** Gives the missing numbers; false when some could not be stored (given again next time). */
  private boolean give(long config, int start, boolean merged, Entries entries) throws IOException {
    long begin = System.nanoTime();
    Set<Long> byPerson = new HashSet<>();
    BitSet used = used(config, byPerson);
    Map<String, Integer> blocks = new HashMap<>();
    Map<String, Integer> groupIndex = new HashMap<>(); // a few groups: each channel holds an index
    List<String> groupNames = new ArrayList<>();
    long[][] waiting = {new long[1024]};
    int[][] groups = {new int[1024]};
    int[] count = {0};
    entries.stream(
        e -> {
          String group = e.group() == null ? "" : e.group();
          if (e.number() != null) {
            if (!byPerson.contains(e.channelId())) { // a person's number does not move the group
              int block = start + Math.max(0, e.number() - start) / BLOCK * BLOCK;
              blocks.merge(group, block, Math::min);
            }
            return;
          }
          if (count[0] == waiting[0].length) {
            waiting[0] = Arrays.copyOf(waiting[0], count[0] * 2);
            groups[0] = Arrays.copyOf(groups[0], count[0] * 2);
          }
          waiting[0][count[0]] = e.channelId();
          groups[0][count[0]++] =
              groupIndex.computeIfAbsent(
                  group,
                  g -> {
                    groupNames.add(g);
                    return groupNames.size() - 1;
                  });
        });
    if (count[0] == 0) {
      return true;
    }
    if (merged) {
      count[0] = handOver(config, waiting[0], groups[0], count[0]);
      if (count[0] == 0) {
        return true;
      }
    }
    int[] numbers = new int[count[0]];
    for (int i = 0; i < count[0]; i++) {
      int block =
          blocks.computeIfAbsent(
              groupNames.get(groups[0][i]),
              g -> {
                int highest = Math.max(start - 1, used.length() - 1);
                int taken = highest - start + 1; // numbers from the start up to the highest
                return start + (taken + BLOCK - 1) / BLOCK * BLOCK;
              });
      int number = used.nextClearBit(Math.max(block, Math.max(start, 1)));
      used.set(number);
      numbers[i] = number;
    }
    int stored = 0;
    try (Connection connection = dataSource.getConnection()) {
      for (int from = 0; from < count[0]; from += BATCH) {
        int size = Math.min(count[0], from + BATCH) - from;
        StringBuilder sql =
            new StringBuilder(
                "INSERT IGNORE INTO playlist_numbers"
                    + " (playlist_id, channel_id, number, by_person, assigned_at) VALUES ");
        for (int i = 0; i < size; i++) {
          sql.append(i == 0 ? "" : ",").append("(?,?,?,FALSE,UTC_TIMESTAMP(3))");
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
          int p = 1;
          for (int i = from; i < from + size; i++) {
            insert.setLong(p++, config);
            insert.setLong(p++, waiting[0][i]);
            insert.setInt(p++, numbers[i]);
          }
          stored += insert.executeUpdate(); // IGNORE: a number a person took meanwhile
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not give playlist " + config + " its numbers", e);
    }
    LOG.info(
        () ->
            "Playlist "
                + config
                + ": "
                + count[0]
                + " channels got their pinned number in "
                + (System.nanoTime() - begin) / 1_000_000
                + " ms");
    return stored == count[0];
  }

  /**
   * A merged channel keeps its number when another of its sources comes first: a waiting channel
   * takes the number another source of its merged channel holds (that one is no entry now: a merged
   * playlist lists one source each). Returns how many still wait, moved to the front of the arrays.
   */
  private int handOver(long config, long[] waiting, int[] groups, int count) throws IOException {
    int left = 0;
    try (Connection connection = dataSource.getConnection()) {
      for (int from = 0; from < count; from += BATCH) {
        int size = Math.min(count, from + BATCH) - from;
        String marks = "?,".repeat(size - 1) + "?";
        // IGNORE: two holders for one channel (merged since) keep one number each way
        try (PreparedStatement move =
            connection.prepareStatement(
                // from the waiting channels to their merged channel's other sources (a few each)
                "UPDATE IGNORE channels nw STRAIGHT_JOIN channels old FORCE INDEX (ix_channels_merge)"
                    + " ON old.merge_key = nw.merge_key AND old.id <> nw.id"
                    + " STRAIGHT_JOIN playlist_numbers pn"
                    + " ON pn.playlist_id = ? AND pn.channel_id = old.id"
                    + " SET pn.channel_id = nw.id WHERE nw.id IN ("
                    + marks
                    + ")")) {
          move.setLong(1, config);
          for (int i = 0; i < size; i++) {
            move.setLong(2 + i, waiting[from + i]);
          }
          if (move.executeUpdate() == 0) {
            for (int i = from; i < from + size; i++) {
              waiting[left] = waiting[i];
              groups[left++] = groups[i];
            }
            continue;
          }
        }
        Set<Long> numbered = new HashSet<>();
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT channel_id FROM playlist_numbers WHERE playlist_id = ? AND channel_id IN ("
                    + marks
                    + ")")) {
          select.setLong(1, config);
          for (int i = 0; i < size; i++) {
            select.setLong(2 + i, waiting[from + i]);
          }
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              numbered.add(rs.getLong(1));
            }
          }
        }
        for (int i = from; i < from + size; i++) {
          if (!numbered.contains(waiting[i])) {
            waiting[left] = waiting[i];
            groups[left++] = groups[i];
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not hand playlist " + config + "'s numbers over", e);
    }
    return left;
  }

  /**
   * Every number the playlist has given, its channels in it now or not; the channels whose number a
   * person set go to {@code byPerson}.
   */
  private BitSet used(long config, Set<Long> byPerson) throws IOException {
    BitSet used = new BitSet();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT number, by_person, channel_id FROM playlist_numbers WHERE playlist_id = ?")) {
      select.setLong(1, config);
      select.setFetchSize(BATCH);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          used.set(rs.getInt(1));
          if (rs.getBoolean(2)) {
            byPerson.add(rs.getLong(3));
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not read playlist " + config + "'s numbers", e);
    }
    return used;
  }
}
