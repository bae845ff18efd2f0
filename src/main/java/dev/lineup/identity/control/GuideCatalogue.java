package dev.lineup.identity.control;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.SearchText;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every guide channel Lineup holds, for matching and for naming a match: the channels of each
 * stored account guide and of each enabled guide source. Read from the stored guides (their channel
 * records only), kept while no guide is stored anew and no source or account changes (a version of
 * their store times, priorities and switches says so).
 */
@ApplicationScoped
public class GuideCatalogue {
  /** Accounts' guides come after every source in a tie (a channel's own guide wins first). */
  static final int ACCOUNT_PRIORITY = 1_000_000;

  @Inject GuideRefresh refresh;
  @PersistenceContext EntityManager em;

  /** The guides as read: each guide's channels by id, in guide priority order. */
  public record Snapshot(
      Map<String, Guide> guides, List<GuideMatcher.GuideChannel> channels, String version) {

    /** A guide channel by its guide reference and id. */
    public Optional<XmltvStore.GuideChannel> channel(String guide, String id) {
      Guide g = guides.get(guide);
      return g == null ? Optional.empty() : Optional.ofNullable(g.channels().get(id));
    }
  }

  /** A guide channel found by {@link #search}: its guide, id and first display name. */
  public record Found(String guide, String guideName, String id, String name) {}

  /**
   * The guide channels whose id or a display name holds {@code text} (case and accents aside), the
   * guide sources' first (by priority), then accounts' guides; at most {@code limit}.
   */
  public List<Found> search(String text, int limit) {
    String wanted = fold(text);
    List<Found> found = new ArrayList<>();
    if (wanted.isEmpty()) {
      return found;
    }
    Snapshot snapshot = snapshot();
    List<Guide> ordered = new ArrayList<>(snapshot.guides().values());
    ordered.sort(java.util.Comparator.comparingInt(Guide::priority));
    for (Guide guide : ordered) {
      for (XmltvStore.GuideChannel channel : guide.channels().values()) {
        boolean hit = fold(channel.id()).contains(wanted);
        for (int i = 0; !hit && i < channel.displayNames().size(); i++) {
          hit = fold(channel.displayNames().get(i)).contains(wanted);
        }
        if (hit) {
          found.add(
              new Found(
                  guide.guide(),
                  guide.name(),
                  channel.id(),
                  channel.displayNames().isEmpty() ? channel.id() : channel.displayNames().get(0)));
          if (found.size() >= limit) {
            return found;
          }
        }
      }
    }
    return found;
  }

  private static String fold(String text) {
    return SearchText.fold(text == null ? "" : text.strip());
  }

  /** One stored guide: its reference ({@code source:1}), name for people, and its channels. */
  public record Guide(
      String guide, String name, int priority, Map<String, XmltvStore.GuideChannel> channels) {}

  private volatile Snapshot cached;

  /** The guides as they are stored now (read again when one changed since the last call). */
  public Snapshot snapshot() {
    Map<String, String> keys = refresh.keys();
    XmltvStore store = refresh.guides();
    StringBuilder version = new StringBuilder();
    Map<String, String> names = new HashMap<>();
    Map<String, Integer> priorities = new HashMap<>();
    em.createNamedQuery(Account.ALL, Account.class)
        .getResultList()
        .forEach(
            a -> {
              names.put(GuideRefresh.guide(a.id()), "account " + a.name());
              priorities.put(GuideRefresh.guide(a.id()), a.enabled() ? ACCOUNT_PRIORITY : -1);
            });
    for (GuideSource source : GuideSource.all(em)) {
      names.put(source.guide(), source.name());
      priorities.put(source.guide(), source.enabled() ? source.priority() : -1);
    }
    Map<String, String> used = new LinkedHashMap<>();
    keys.forEach(
        (guide, key) -> {
          Instant stored = store.storedAt(key);
          if (stored != null && priorities.getOrDefault(guide, -1) >= 0) {
            used.put(guide, key);
            version.append(guide).append('@').append(key).append('@').append(stored).append(';');
            version.append(priorities.get(guide)).append(';');
          }
        });
    Snapshot current = cached;
    if (current != null && current.version().contentEquals(version)) {
      return current;
    }
    Map<String, Guide> guides = new LinkedHashMap<>();
    List<GuideMatcher.GuideChannel> channels = new ArrayList<>();
    used.entrySet()
        .forEach(
            entry -> {
              String guide = entry.getKey();
              int priority = priorities.get(guide);
              Map<String, XmltvStore.GuideChannel> byId = new LinkedHashMap<>();
              try {
                store.channels(
                    entry.getValue(),
                    c -> {
                      if (byId.putIfAbsent(c.id(), c) == null) {
                        channels.add(
                            new GuideMatcher.GuideChannel(
                                guide, priority, c.id(), c.displayNames()));
                      }
                    });
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              guides.put(guide, new Guide(guide, names.get(guide), priority, byId));
            });
    Snapshot fresh = new Snapshot(guides, List.copyOf(channels), version.toString());
    cached = fresh;
    return fresh;
  }
}
