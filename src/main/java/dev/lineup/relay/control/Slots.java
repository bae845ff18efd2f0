package dev.lineup.relay.control;

import dev.lineup.platform.Leases;
import dev.lineup.platform.ServerIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection slots of each account, across every server sharing the database: an upstream holds
 * one slot of the account it reads from, a lease ({@code relay.{account}.{n}}, {@link Leases})
 * taken when it opens (or switches to a source of another account) and given back when it ends, so
 * an account's limit holds over all servers. This server renews its leases every few seconds; a
 * server that dies frees its slots once they expire (15 s).
 *
 * <p>A stream whose last viewer left keeps its slot for {@code RELAY_GRACE_SECONDS} (zapping back
 * finds it running), unless another channel of the same account needs the slot here: the idle
 * stream is then closed at once and its slot passes on, so zapping on a one-connection account
 * never waits for the grace to pass.
 */
final class Slots {
  private static final Logger LOG = Logger.getLogger(Slots.class.getName());

  private final DataSource dataSource;
  private final Map<Upstream, Held> held = new HashMap<>();
  private final Map<Long, Set<Upstream>> holders = new HashMap<>();

  private record Held(long accountId, String lease) {}

  Slots(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Gives the upstream a slot of the source's account (keeping one it holds there already): a free
   * one on any server, else the slot of an idle stream of that account here, which is closed for
   * it. False when none (or the database cannot say).
   */
  synchronized boolean hold(Upstream upstream, Source source) {
    if (upstream.stopped()) {
      release(upstream); // a stream being closed takes no slot
      return false;
    }
    Held mine = held.get(upstream);
    if (mine != null && mine.accountId() == source.accountId()) {
      return true;
    }
    release(upstream);
    long account = source.accountId();
    Optional<String> lease = freeLease(account, source.limit(), upstream);
    if (lease.isEmpty()) {
      Optional<Upstream> idle =
          holders.getOrDefault(account, Set.of()).stream()
              .filter(u -> u != upstream && u.viewers.isEmpty())
              .min(Comparator.comparing(u -> u.startedAt));
      if (idle.isEmpty()) {
        return false;
      }
      LOG.info(
          idle.get().named() + ", without a viewer, closed: its slot went to " + upstream.title);
      idle.get().stop();
      lease = Optional.of(forget(idle.get()).lease()); // the lease stays this server's
    }
    holders.computeIfAbsent(account, a -> new HashSet<>()).add(upstream);
    held.put(upstream, new Held(account, lease.get()));
    return true;
  }

  /** A lease of a free slot of the account, taken; empty when all are held (on any server). */
  private Optional<String> freeLease(long account, Integer limit, Upstream upstream) {
    try (Connection connection = dataSource.getConnection()) {
      if (limit == null) { // no limit: a lease of its own, so every server counts it
        String name = prefix(account) + "x." + ServerIdentity.ID + "." + upstream.id;
        return Leases.tryAcquire(connection, name, false) ? Optional.of(name) : Optional.empty();
      }
      for (int n = 0; n < limit; n++) {
        String name = prefix(account) + n;
        if (Leases.tryAcquire(connection, name, false)) {
          return Optional.of(name);
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      LOG.warning(() -> "No slot of account " + account + ": the database did not answer: " + e);
      return Optional.empty();
    }
  }

  private static String prefix(long account) {
    return "relay." + account + ".";
  }

  /** Gives the upstream's slot back (nothing when it holds none). */
  synchronized void release(Upstream upstream) {
    Held slot = forget(upstream);
    if (slot == null) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      Leases.release(connection, slot.lease());
    } catch (SQLException e) {
      // Not renewed any more (this server no longer knows it): free within the lease time.
      LOG.warning(() -> "Could not give back slot " + slot.lease() + " now: " + e.getMessage());
    }
  }

  private Held forget(Upstream upstream) {
    Held slot = held.remove(upstream);
    if (slot != null) {
      holders.getOrDefault(slot.accountId(), Set.of()).remove(upstream);
    }
    return slot;
  }

  /** The account's slots in use now, on every server. */
  int used(long accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM leases l WHERE l.name LIKE ? AND " + Leases.LIVE)) {
      query.setString(1, prefix(accountId) + "%");
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      synchronized (this) {
        return holders.getOrDefault(accountId, Set.of()).size(); // this server's, at least
      }
    }
  }
}
