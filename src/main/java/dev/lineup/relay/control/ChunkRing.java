package dev.lineup.relay.control;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last few megabytes of one stream, as the chunks the source sent them in: written by the
 * stream's one reader thread, read by any number of viewers, each at its own place (a sequence
 * number). Chunks are never changed once added, so a viewer hands one to the container without a
 * copy. The oldest chunks go when the ring holds too many bytes or chunks; a viewer still wanting
 * one of them has fallen too far behind ({@link #GONE}).
 */
final class ChunkRing {
  /** Answered for a chunk that was dropped before the viewer took it. */
  static final byte[] GONE = new byte[0];

  private final AtomicReferenceArray<byte[]> chunks;
  private final long maxBytes;
  private volatile long oldest;
  private volatile long next;
  private long bytes; // written by the reader thread only

  ChunkRing(int slots, long maxBytes) {
    this.chunks = new AtomicReferenceArray<>(slots);
    this.maxBytes = maxBytes;
  }

  /** Adds a chunk (the reader thread only), dropping the oldest ones to make room. */
  void add(byte[] chunk) {
    int slots = chunks.length();
    while (oldest < next && (next - oldest >= slots || bytes + chunk.length > maxBytes)) {
      byte[] dropped = chunks.getAndSet(index(oldest), null);
      bytes -= dropped == null ? 0 : dropped.length;
      oldest++;
    }
    chunks.set(index(next), chunk);
    bytes += chunk.length;
    next++;
  }

  /** The chunk with this number; null when it has not come yet, {@link #GONE} when dropped. */
  byte[] get(long seq) {
    if (seq >= next) {
      return null;
    }
    byte[] chunk = chunks.get(index(seq));
    // read after the chunk: a slot reused for a newer chunk has moved oldest past seq first
    return chunk == null || seq < oldest ? GONE : chunk;
  }

  /**
   * Where a new viewer starts: about {@code backlog} bytes before the live edge, so a player fills
   * its buffer at once instead of waiting for the stream to come.
   */
  long start(long backlog) {
    long seq = next;
    long taken = 0;
    long first = oldest;
    while (seq > first && taken < backlog) {
      byte[] chunk = chunks.get(index(seq - 1));
      if (chunk == null) {
        break;
      }
      taken += chunk.length;
      seq--;
    }
    return seq;
  }

  /** The number the next chunk will get. */
  long next() {
    return next;
  }

  private int index(long seq) {
    return (int) (seq % chunks.length());
  }
}
