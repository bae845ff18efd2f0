package dev.lineup.provider.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that gives up when the provider stops sending, or sends too slowly: the JDK HTTP
 * client has no read timeout for bodies, so a watchdog closes the stream after {@code idleSeconds}
 * without a byte, or when the whole body has taken longer than {@code totalSeconds} (a "slow drip"
 * that sends a few bytes now and then would otherwise hold a sync for hours).
 */
final class WatchedInputStream extends FilterInputStream {
  private final ScheduledFuture<?> watchdog;
  private final long idleNanos;
  private final long deadline;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean timedOut;
  private volatile boolean tooSlow;

  WatchedInputStream(
      InputStream in, int idleSeconds, long totalSeconds, ScheduledExecutorService scheduler) {
    super(in);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.deadline = lastProgress + TimeUnit.SECONDS.toNanos(totalSeconds);
    this.watchdog = scheduler.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
  }

  private void check() {
    long now = System.nanoTime();
    tooSlow = now - deadline > 0;
    if (now - lastProgress > idleNanos || tooSlow) {
      timedOut = true;
      watchdog.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is the point; the reader sees the failure
      }
    }
  }

  /** Closed by the watchdog: no byte for too long, or {@link #tooSlow()}. */
  boolean timedOut() {
    return timedOut;
  }

  /** Closed because the whole body took longer than its deadline. */
  boolean tooSlow() {
    return tooSlow;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      progressed();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      progressed();
    }
    return n;
  }

  private void progressed() {
    lastProgress = System.nanoTime();
  }

  @Override
  public void close() throws IOException {
    watchdog.cancel(false);
    super.close();
  }
}
