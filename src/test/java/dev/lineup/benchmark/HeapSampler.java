package dev.lineup.benchmark;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the server's used heap (its /metrics) every 100 ms — often enough for a peak, rarely
 * enough not to load the server — until closed.
 */
final class HeapSampler implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;

  HeapSampler() {
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(SyncBenchmark.usedHeapBytes(), Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The highest used heap seen so far, in MB. */
  long peakMb() {
    return peak.get() / (1024 * 1024);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
