package dev.lineup.backup.control;

import dev.lineup.identity.boundary.MergedChannelsResource;
import dev.lineup.identity.entity.ChannelGuide;
import dev.lineup.playlist.control.PinnedNumbers;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Restores what a person decided about channels ({@link PersonDecisions}): each decision whose
 * channels are there now is applied as the person's own would be (the same statements); one whose
 * channels a sync has not brought yet waits in {@code restore_pending} and is applied by {@link
 * #applyPending} after its account's next sync. One that can never apply (its playlist does not pin
 * numbers, its number is a person's for another channel) is skipped with why.
 */
@Stateless
public class DecisionRestore {
  private static final Logger LOG = Logger.getLogger(DecisionRestore.class.getName());

  @PersistenceContext EntityManager em;
  @Inject MergedChannelsResource merged;

  /** What became of one decision. */
  enum Outcome {
    APPLIED,
    UNCHANGED,
    WAITING,
    SKIPPED
  }

  private record Result(Outcome outcome, String why) {
    static Result of(Outcome outcome) {
      return new Result(outcome, null);
    }

    static Result skipped(String why) {
      return new Result(Outcome.SKIPPED, why);
    }

    /** Waiting for a sync of this account to bring its channel. */
    static Result waiting(String account) {
      return new Result(Outcome.WAITING, account);
    }
  }

  /**
   * Restores the file's three sections within the restore's transaction; one report item each.
   *
   * @return whether anything was applied (channels changed)
   */
  public boolean restore(JsonObject doc, RestoreReport.Builder report) {
    Set<String> pending = new HashSet<>();
    for (Object[] row : PersonDecisions.rows(em, "SELECT kind, item FROM restore_pending")) {
      pending.add(row[0] + " " + PersonDecisions.parse((String) row[1]));
    }
    boolean applied = false;
    for (Map.Entry<String, String> section : PersonDecisions.KINDS.entrySet()) {
      List<JsonObject> items = BackupFile.list(doc, section.getKey(), "");
      if (items.isEmpty()) {
        continue;
      }
      Map<Outcome, Integer> counts = new LinkedHashMap<>();
      List<String> notes = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        JsonObject item =
            PersonDecisions.checked(
                section.getValue(), items.get(i), section.getKey() + "[" + i + "]");
        Result result = apply(section.getValue(), item);
        boolean waitsAlready =
            result.outcome() == Outcome.WAITING
                && pending.contains(section.getValue() + " " + item);
        // One that waits already is as it is: a restore of the same file changes nothing
        counts.merge(waitsAlready ? Outcome.UNCHANGED : result.outcome(), 1, Integer::sum);
        if (result.outcome() == Outcome.WAITING && pending.add(section.getValue() + " " + item)) {
          em.createNativeQuery(
                  "INSERT INTO restore_pending (kind, item, created_at) VALUES (?, ?,"
                      + " UTC_TIMESTAMP())")
              .setParameter(1, section.getValue())
              .setParameter(2, item.toString())
              .executeUpdate();
        } else if (result.outcome() == Outcome.SKIPPED) {
          notes.add("Skipped " + item + ": " + result.why() + ".");
        }
        applied |= result.outcome() == Outcome.APPLIED;
      }
      notes.add(0, summary(counts));
      boolean same = counts.keySet().stream().allMatch(o -> o == Outcome.UNCHANGED);
      report.add(
          section.getKey(), items.size() + " decisions", same ? "unchanged" : "changed", notes);
    }
    return applied;
  }

  /** The decisions waiting for their channels, oldest first. */
  public List<Long> pendingIds() {
    return PersonDecisions.rows(em, "SELECT id, kind FROM restore_pending ORDER BY id").stream()
        .map(row -> ((Number) row[0]).longValue())
        .toList();
  }

  /**
   * Applies one waiting decision, in a transaction of its own, after a sync of {@code
   * syncedAccount}: applied, or dropped when that sync's lineup lacks its channel (or it can never
   * apply); kept when it waits for another account's sync.
   *
   * @return whether channels changed
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean applyPending(long id, long syncedAccount) {
    List<Object[]> rows =
        PersonDecisions.rows(em, "SELECT kind, item FROM restore_pending WHERE id = ?", id);
    if (rows.isEmpty()) {
      return false;
    }
    JsonObject item = PersonDecisions.parse((String) rows.get(0)[1]);
    Result result = apply((String) rows.get(0)[0], item);
    if (result.outcome() == Outcome.WAITING) {
      String synced = accountName(syncedAccount);
      if (synced == null || !ByName.collator().equals(synced, result.why())) {
        return false; // another account's sync will bring its channel
      }
      LOG.info(() -> "Restored decision dropped, its channel is not in the synced lineup: " + item);
    } else if (result.outcome() == Outcome.SKIPPED) {
      LOG.info(() -> "Restored decision dropped (" + result.why() + "): " + item);
    }
    drop(id);
    return result.outcome() == Outcome.APPLIED;
  }

  /**
   * Forgets the waiting decisions that name this account (deleted: they can never apply, and a
   * backup would carry them on).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void dropNaming(String account) {
    java.text.Collator same = ByName.collator();
    for (Object[] row : PersonDecisions.rows(em, "SELECT id, item FROM restore_pending")) {
      JsonObject item = PersonDecisions.parse((String) row[1]);
      List<JsonObject> channels =
          item.get("sources") instanceof jakarta.json.JsonArray sources
              ? sources.getValuesAs(JsonObject.class)
              : List.of(item);
      if (channels.stream().anyMatch(c -> same.equals(c.getString("account", ""), account))) {
        drop(((Number) row[0]).longValue());
      }
    }
  }

  /** Forgets a waiting decision (one that failed to apply). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void drop(long id) {
    em.createNativeQuery("DELETE FROM restore_pending WHERE id = ?")
        .setParameter(1, id)
        .executeUpdate();
  }

  /**
   * The channel a decision names ({@code account}, {@code stream_id}): its id, or why there is none
   * yet (its account's sync has not brought it) or ever (no such account).
   */
  private record Found(Long channel, Result missing) {}

  private Found find(JsonObject ref) {
    String name = ref.getString("account");
    Long account = accountId(name);
    if (account == null) {
      return new Found(null, Result.skipped("no account is named " + name));
    }
    Long channel = channelId(account, ref.getString("stream_id"));
    return channel == null ? new Found(null, Result.waiting(name)) : new Found(channel, null);
  }

  private Result apply(String kind, JsonObject item) {
    return switch (kind) {
      case "guide" -> applyGuide(item);
      case "merge" -> applyMerge(item);
      default -> applyNumber(item);
    };
  }

  private Result applyGuide(JsonObject item) {
    Found found = find(item);
    if (found.missing() != null) {
      return found.missing();
    }
    long channel = found.channel();
    String guideChannel =
        item.get("guide_channel_id") instanceof JsonString s ? s.getString() : null;
    String guide = null;
    if (guideChannel != null) {
      if (!(item.get("guide") instanceof JsonString g)) {
        return Result.skipped("it names no guide for " + guideChannel);
      }
      String named = g.getString();
      guide = guide(named);
      if (guide == null) {
        return Result.skipped("no guide " + named);
      }
    }
    List<Object[]> now =
        PersonDecisions.rows(
            em,
            "SELECT guide, guide_channel_id FROM channel_guides WHERE channel_id = ? AND by_person",
            channel);
    if (!now.isEmpty()
        && Objects.equals(now.get(0)[1], guideChannel)
        && (guideChannel == null || Objects.equals(now.get(0)[0], guide))) {
      return Result.of(Outcome.UNCHANGED);
    }
    if (guideChannel == null) {
      ChannelGuide.clear(em, channel);
    } else {
      ChannelGuide.set(em, channel, guide, guideChannel);
    }
    return Result.of(Outcome.APPLIED);
  }

  private Result applyMerge(JsonObject item) {
    List<Long> ids = new ArrayList<>();
    for (JsonObject source : item.getJsonArray("sources").getValuesAs(JsonObject.class)) {
      Found found = find(source);
      if (found.missing() != null) {
        return found.missing();
      }
      long channel = found.channel();
      if (ids.contains(channel)) {
        return Result.skipped("it lists a channel twice");
      }
      ids.add(channel);
    }
    if (ids.size() == 1) {
      List<Object[]> now =
          PersonDecisions.rows(
              em,
              "SELECT merge_key, position FROM channel_merges WHERE channel_id = ?",
              ids.get(0));
      if (!now.isEmpty() && ("c:" + ids.get(0)).equals(now.get(0)[0])) {
        return Result.of(Outcome.UNCHANGED);
      }
      merged.split(ids.get(0));
      return Result.of(Outcome.APPLIED);
    }
    List<Long> group = new ArrayList<>();
    List<Object[]> key =
        PersonDecisions.rows(
            em, "SELECT merge_key, 0 FROM channel_merges WHERE channel_id = ?", ids.get(0));
    if (!key.isEmpty() && ((String) key.get(0)[0]).startsWith("p:")) {
      for (Object[] row :
          PersonDecisions.rows(
              em,
              "SELECT channel_id, position FROM channel_merges WHERE merge_key = ? ORDER BY position",
              key.get(0)[0])) {
        group.add(((Number) row[0]).longValue());
      }
    }
    if (group.equals(ids)) {
      return Result.of(Outcome.UNCHANGED);
    }
    JsonArrayBuilder sources = Json.createArrayBuilder();
    ids.forEach(sources::add);
    merged.group(Json.createObjectBuilder().add("sources", sources).build().toString());
    return Result.of(Outcome.APPLIED);
  }

  private Result applyNumber(JsonObject item) {
    PlaylistConfig playlist = playlist(item.getString("playlist"));
    if (playlist == null) {
      return Result.skipped("no playlist is named " + item.getString("playlist"));
    }
    if (playlist.settings().numbering() != Numbering.PINNED) {
      return Result.skipped("playlist " + playlist.name() + " does not pin numbers");
    }
    Found found = find(item);
    if (found.missing() != null) {
      return found.missing();
    }
    long channel = found.channel();
    int number = item.getInt("number");
    List<Object[]> holders =
        PersonDecisions.rows(
            em,
            "SELECT channel_id, by_person FROM playlist_numbers WHERE playlist_id = ? AND number = ?",
            playlist.id(),
            number);
    for (Object[] holder : holders) {
      long other = ((Number) holder[0]).longValue();
      boolean byPerson = holder[1] instanceof Boolean b ? b : ((Number) holder[1]).intValue() != 0;
      if (other == channel && byPerson) {
        return Result.of(Outcome.UNCHANGED);
      }
      if (other != channel && byPerson) {
        return Result.skipped("number " + number + " is a person's for another channel");
      }
      if (other != channel) {
        // The number was given on its own meanwhile: that channel gets a new one next time
        em.createNativeQuery(
                "DELETE FROM playlist_numbers WHERE playlist_id = ? AND channel_id = ?")
            .setParameter(1, playlist.id())
            .setParameter(2, other)
            .executeUpdate();
      }
    }
    PinnedNumbers.pinByPerson(em, playlist.id(), channel, number);
    return Result.of(Outcome.APPLIED);
  }

  private String accountName(long id) {
    List<Object[]> rows =
        PersonDecisions.rows(em, "SELECT name, id FROM accounts WHERE id = ?", id);
    return rows.isEmpty() ? null : (String) rows.get(0)[0];
  }

  private Long accountId(String name) {
    return byName(
        PersonDecisions.rows(em, "SELECT id, name FROM accounts WHERE name = ?", name), name);
  }

  private PlaylistConfig playlist(String name) {
    Long id =
        byName(
            PersonDecisions.rows(em, "SELECT id, name FROM playlist_configs WHERE name = ?", name),
            name);
    return id == null ? null : em.find(PlaylistConfig.class, id);
  }

  /** "source:NAME" or "account:NAME" as the stored "source:{id}" or "account:{id}"; null: none. */
  private String guide(String named) {
    int colon = named.indexOf(':');
    String kind = colon < 0 ? "" : named.substring(0, colon);
    String name = named.substring(colon + 1);
    Long id =
        switch (kind) {
          case "source" ->
              byName(
                  PersonDecisions.rows(
                      em, "SELECT id, name FROM guide_sources WHERE name = ?", name),
                  name);
          case "account" -> accountId(name);
          default -> null;
        };
    return id == null ? null : kind + ":" + id;
  }

  /** The row whose name is exactly {@code name}, else the one the case-insensitive match found. */
  private static Long byName(List<Object[]> rows, String name) {
    Object[] found =
        rows.stream()
            .filter(r -> name.equals(r[1]))
            .findFirst()
            .orElse(rows.isEmpty() ? null : rows.get(0));
    return found == null ? null : ((Number) found[0]).longValue();
  }

  /** The channel with exactly this provider id (the column compares exactly), or null. */
  private Long channelId(long account, String streamId) {
    List<Object[]> rows =
        PersonDecisions.rows(
            em,
            "SELECT id, stream_id FROM channels WHERE account_id = ? AND stream_id = ?",
            account,
            streamId);
    return rows.isEmpty() ? null : ((Number) rows.get(0)[0]).longValue();
  }

  private static String summary(Map<Outcome, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (outcome, n) ->
            parts.add(
                n
                    + switch (outcome) {
                      case APPLIED -> " applied";
                      case UNCHANGED -> " as they are";
                      case WAITING -> " wait for their channels' sync";
                      case SKIPPED -> " skipped";
                    }));
    return String.join(", ", parts) + ".";
  }
}
