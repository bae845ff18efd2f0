package dev.lineup.relay.control;

import dev.lineup.platform.Variable;
import java.util.List;

/** How the stream relay behaves (README, "Configuration"), read here and checked at start. */
public final class RelayConfig {
  /** How long a stream stays open after its last viewer left (zapping back finds it running). */
  public static final Variable<Long> GRACE_SECONDS =
      Variable.whole("RELAY_GRACE_SECONDS", "5", 0, 600, "seconds");

  /** A source that sends nothing for this long has failed (the next source takes over). */
  public static final Variable<Long> STALL_SECONDS =
      Variable.whole("RELAY_STALL_SECONDS", "10", 1, 600, "seconds");

  /** A viewer that takes nothing for this long is dropped. */
  public static final Variable<Long> SLOW_VIEWER_SECONDS =
      Variable.whole("RELAY_SLOW_VIEWER_SECONDS", "30", 1, 3600, "seconds");

  /** What each stream keeps for its viewers; a viewer further behind than this is dropped. */
  public static final Variable<Long> BUFFER_MB =
      Variable.whole("RELAY_BUFFER_MB", "4", 1, 256, "megabytes");

  /** Connecting to a source: short, so a dead source hands over while the player still waits. */
  public static final Variable<Long> CONNECT_TIMEOUT_SECONDS =
      Variable.whole("RELAY_CONNECT_TIMEOUT_SECONDS", "5", 1, 60, "seconds");

  public static final List<Variable<?>> VARIABLES =
      List.of(
          GRACE_SECONDS, STALL_SECONDS, SLOW_VIEWER_SECONDS, BUFFER_MB, CONNECT_TIMEOUT_SECONDS);

  private RelayConfig() {}
}
