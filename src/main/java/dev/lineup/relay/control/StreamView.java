package dev.lineup.relay.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A stream the relay plays now, as the API and the Streams page show it: the channel asked for, the
 * source it plays from now (after any failover), its viewers and what it relayed.
 */
public record StreamView(
    long id,
    long channelId,
    String title,
    long sourceChannelId,
    long accountId,
    String account,
    int failovers,
    long bytes,
    Instant startedAt,
    List<ViewerView> viewers) {

  /** A player watching it. */
  public record ViewerView(long id, String client, Instant since, long bytes) {}

  static StreamView of(Upstream upstream) {
    Source source = upstream.source();
    return new StreamView(
        upstream.id,
        upstream.channelId,
        upstream.title,
        source.channelId(),
        source.accountId(),
        source.account(),
        upstream.failovers(),
        upstream.bytes(),
        upstream.startedAt,
        upstream.viewers.stream()
            .sorted(Comparator.comparingLong(v -> v.id))
            .map(v -> new ViewerView(v.id, v.client, v.since, v.bytes()))
            .toList());
  }
}
