package dev.lineup.relay.control;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The connection slots of each account: an upstream holds one slot of the account it reads from,
 * taken when it opens (or switches to a source of another account) and given back when it ends. A
 * stream whose last viewer left keeps its slot for {@code RELAY_GRACE_SECONDS} (zapping back finds
 * it running), unless another channel of the same account needs the slot: the idle stream is then
 * closed at once, so zapping on a one-connection account never waits for the grace to pass.
 */
final class Slots {
  private static final Logger LOG = Logger.getLogger(Slots.class.getName());

  private final Map<Upstream, Long> held = new HashMap<>();
  private final Map<Long, Set<Upstream>> holders = new HashMap<>();

  /**
   * Gives the upstream a slot of the source's account (keeping one it holds there already): a free
   * one, else the slot of an idle stream of that account, which is closed for it. False when none.
   */
  synchronized boolean hold(Upstream upstream, Source source) {
    if (upstream.stopped()) {
      release(upstream); // a stream being closed takes no slot
      return false;
    }
    Long account = held.get(upstream);
    if (account != null && account == source.accountId()) {
      return true;
    }
    release(upstream);
    Set<Upstream> taken = holders.computeIfAbsent(source.accountId(), a -> new HashSet<>());
    if (source.limit() != null && taken.size() >= source.limit()) {
      Optional<Upstream> idle =
          taken.stream()
              .filter(u -> u != upstream && u.viewers.isEmpty())
              .min(Comparator.comparing(u -> u.startedAt));
      if (idle.isEmpty()) {
        return false;
      }
      LOG.info(
          idle.get().named() + ", without a viewer, closed: its slot went to " + upstream.title);
      idle.get().stop();
      release(idle.get());
    }
    taken.add(upstream);
    held.put(upstream, source.accountId());
    return true;
  }

  /** Gives the upstream's slot back (nothing when it holds none). */
  synchronized void release(Upstream upstream) {
    Long account = held.remove(upstream);
    if (account != null) {
      holders.getOrDefault(account, Set.of()).remove(upstream);
    }
  }

  /** The account's slots in use now. */
  synchronized int used(long accountId) {
    return holders.getOrDefault(accountId, Set.of()).size();
  }
}
