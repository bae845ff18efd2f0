package dev.lineup.provider.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that gives up when the provider stops sending: the JDK HTTP client has no read
 * timeout for bodies, so a watchdog closes the stream after {@code idleSeconds} without a byte (a
 * "slow drip" that keeps sending stays alive, a stalled one does not).
 */
final class WatchedInputStream extends FilterInputStream {
  private final ScheduledFuture<?> watchdog;
  private final long idleNanos;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean timedOut;

  WatchedInputStream(InputStream in, int idleSeconds, ScheduledExecutorService scheduler) {
    super(in);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.watchdog = scheduler.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
  }

  private void check() {
    if (System.nanoTime() - lastProgress > idleNanos) {
      timedOut = true;
      watchdog.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is the point; the reader sees the failure
      }
    }
  }

  boolean timedOut() {
    return timedOut;
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
