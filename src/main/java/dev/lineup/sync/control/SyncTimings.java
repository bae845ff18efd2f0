package dev.lineup.sync.control;

/** How long each step of one sync took, for its log line: where the time of a sync goes. */
final class SyncTimings {
  private final StringBuilder steps = new StringBuilder();
  private long last = System.nanoTime();

  /** Ends the step running since the previous mark. */
  void mark(String step) {
    long now = System.nanoTime();
    if (steps.length() > 0) {
      steps.append(", ");
    }
    steps.append(step).append(' ').append((now - last) / 1_000_000).append(" ms");
    last = now;
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}
