package dev.lineup.relay.control;

import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One player watching a stream. The request is asynchronous (no container thread waits for it); the
 * viewer's own writer takes the stream's chunks from the {@link ChunkRing} at its own pace and
 * writes them to the player, so a slow player only ever holds up itself. (Liberty's non-blocking
 * servlet output still writes synchronously once its buffer is full, so the stream's reader never
 * writes to a player.) A viewer that falls further behind than the ring holds, or whose write has
 * not finished for {@code RELAY_SLOW_VIEWER_SECONDS}, is dropped: it leaves the stream at once and
 * holds on to nothing of it.
 *
 * <p>The answer's status and headers go with the first chunk, so a stream that fails before its
 * first byte is still answered with a problem (502, 503) instead of an empty 200.
 */
final class Viewer implements Runnable, AsyncListener {
  final long id;
  final String client;
  final Long xtreamUser;
  final Instant since = Instant.now();

  private final AsyncContext async;
  private final HttpServletResponse response;
  private final Upstream upstream;
  private long next;
  private final long joinedAt = System.nanoTime();
  private boolean started; // guarded by upstream.signal
  private volatile boolean closed;
  private ProblemException problem; // guarded by upstream.signal
  private boolean ending; // guarded by upstream.signal
  private volatile long writingSince; // System.nanoTime() when the write under way began; 0
  private volatile long bytes;

  Viewer(
      long id,
      Upstream upstream,
      AsyncContext async,
      HttpServletResponse response,
      String client,
      Long xtreamUser) {
    this.id = id;
    this.upstream = upstream;
    this.async = async;
    this.response = response;
    this.client = client;
    this.xtreamUser = xtreamUser;
    async.setTimeout(0);
    async.addListener(this);
  }

  /** Takes chunks from {@code seq} on (set before the writer starts). */
  void startAt(long seq) {
    next = seq;
  }

  /** The writer: chunk after chunk until the stream ends, the player leaves or is dropped. */
  @Override
  public void run() {
    try {
      ServletOutputStream out = response.getOutputStream();
      while (!closed) {
        byte[] chunk;
        ProblemException told = null;
        boolean first = false;
        synchronized (upstream.signal) {
          chunk = upstream.ring.get(next);
          while (chunk == null && !ending && !closed) {
            upstream.signal.wait(1000);
            chunk = upstream.ring.get(next);
          }
          if (ending && !started) { // over before its first byte: only the problem
            chunk = null;
            told = problem;
          } else if (chunk != null && chunk != ChunkRing.GONE && !started) {
            started = true;
            first = true;
          }
        }
        if (closed) {
          return;
        }
        if (chunk == ChunkRing.GONE) {
          drop("fell more than the stream's buffer behind");
          return;
        }
        if (chunk == null) { // the stream is over
          if (told != null) {
            problem(out, told);
          }
          return;
        }
        if (first) {
          response.setStatus(200);
          response.setContentType("video/mp2t");
          response.setHeader("Cache-Control", "no-store");
        }
        writingSince = System.nanoTime();
        out.write(chunk);
        next++;
        bytes += chunk.length;
        if (upstream.ring.get(next) == null) {
          out.flush(); // caught up: the player gets it now (behind, the next writes fill up)
        }
        writingSince = 0;
      }
    } catch (IOException | IllegalStateException e) {
      // the player went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      leave();
      try {
        async.complete(); // here, not on the watchdog: completing may wait for a stuck player
      } catch (IllegalStateException e) {
        // completed already (the player went away)
      }
    }
  }

  private void problem(ServletOutputStream out, ProblemException told) throws IOException {
    byte[] body =
        ProblemMapper.render(told).getEntity().toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(told.status());
    response.setContentType(ProblemMapper.PROBLEM_JSON);
    response.setHeader("Cache-Control", "no-store");
    if (told.status() == 503) {
      response.setHeader("Retry-After", "10");
    }
    response.setContentLength(body.length);
    out.write(body);
  }

  /**
   * The stream is over: the viewer takes what is left, then its answer ends; one that has had no
   * byte yet gets {@code problem} instead.
   */
  void end(ProblemException problem) {
    synchronized (upstream.signal) {
      this.problem = problem;
      this.ending = true;
      upstream.signal.notifyAll();
    }
  }

  /** A viewer still without its first byte gets {@code problem}; one that has bytes goes on. */
  void giveUp(ProblemException problem) {
    synchronized (upstream.signal) {
      if (!started) {
        this.problem = problem;
        this.ending = true;
        upstream.signal.notifyAll();
      }
    }
  }

  /**
   * Drops a viewer that cannot keep up: it leaves the stream at once (the stream and its other
   * viewers go on); its writer ends the answer when its write returns.
   */
  void drop(String why) {
    if (!closed) {
      upstream.dropped(this, why);
      leave();
    }
  }

  private void leave() {
    closed = true;
    upstream.left(this);
    synchronized (upstream.signal) {
      upstream.signal.notifyAll();
    }
  }

  /** How long the viewer has waited for its first byte, in nanoseconds (0 once it has one). */
  long waitingNanos(long now) {
    synchronized (upstream.signal) {
      return started || ending ? 0 : now - joinedAt;
    }
  }

  /** How long the write under way has taken, in nanoseconds (0 while none is). */
  long writingNanos(long now) {
    long since = writingSince;
    return since == 0 ? 0 : now - since;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    leave();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    leave();
  }

  @Override
  public void onError(AsyncEvent event) {
    leave();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // not restarted
  }
}
