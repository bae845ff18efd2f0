package dev.lineup.access.control;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A short memory of what the database said about a credential (a token valid, a session epoch
 * current), for the requests that follow. {@link #forget()} is final: a value that a request was
 * still reading while it was called is never used afterwards. Each value carries the generation
 * that was current before it was read, and a value is only used while that generation lasts.
 */
final class Remembered<K, V> {
  private record Entry<V>(V value, long at, long generation) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long lifetimeNanos;
  private final int max;
  private final LongSupplier nanoClock;

  Remembered(Duration lifetime, int max) {
    this(lifetime, max, System::nanoTime);
  }

  Remembered(Duration lifetime, int max, LongSupplier nanoClock) {
    this.lifetimeNanos = lifetime.toNanos();
    this.max = max;
    this.nanoClock = nanoClock;
  }

  /**
   * The remembered value of {@code key}, else the loader's, which is remembered (an empty answer is
   * not).
   */
  Optional<V> get(K key, Function<K, Optional<V>> loader) {
    long now = nanoClock.getAsLong();
    long current =
        generation.get(); // read before the loader: a forget() after this voids its value
    Entry<V> known = entries.get(key);
    if (known != null && known.generation() == current && now - known.at() < lifetimeNanos) {
      return Optional.of(known.value());
    }
    Optional<V> loaded = loader.apply(key);
    if (loaded.isEmpty()) {
      entries.remove(key);
    } else {
      if (entries.size() >= max) {
        entries.clear();
      }
      entries.put(key, new Entry<>(loaded.get(), now, current));
    }
    return loaded;
  }

  /** Forgets every value, those being read right now included. */
  void forget() {
    generation.incrementAndGet();
    entries.clear();
  }

  /**
   * Forgets every value once the current transaction has ended (committed or not): before the
   * commit, a check would still read the old row and remember it. Then runs {@code then} (the other
   * servers are told to forget theirs).
   */
  void forgetAfterCommit(TransactionSynchronizationRegistry transactions, Runnable then) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            forget();
            then.run();
          }
        });
  }
}
