package dev.lineup.relay.control;

/**
 * Why a source stopped giving a stream, in words fit for a log and a player (never a URL).
 *
 * @param refused whether the provider refused the account (401/403): no other source is tried, so a
 *     banned account does not rotate through the others
 * @param noSlot whether the account had no free connection
 */
record SourceFailure(String reason, boolean refused, boolean noSlot) {
  /** The provider closed the stream (the end of an archive part; a live stream's failure). */
  static final SourceFailure ENDED = failed("the provider ended the stream");

  static SourceFailure failed(String reason) {
    return new SourceFailure(reason, false, false);
  }
}
