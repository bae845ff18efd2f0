package dev.lineup.provider.control;

import dev.lineup.platform.ProblemException;
import jakarta.ejb.ApplicationException;

/**
 * A provider did not give a usable answer. Rendered as 502 (bad gateway), or 504 when it did not
 * answer in time, or 403 when Lineup refused its address ({@code PROVIDER_BLOCK_PRIVATE}). Messages
 * name the provider's host, never the request URL (it carries the password). Nothing was written
 * when a provider fails, so there is nothing to roll back.
 */
@ApplicationException(rollback = false, inherited = true)
public class ProviderException extends ProblemException {
  /** What went wrong, for messages, metrics and the sync history. */
  public enum Kind {
    TIMEOUT,
    /** Kept sending, but too slowly to finish in time (a "slow drip"): not retried. */
    TOO_SLOW,
    UNREACHABLE,
    HTTP_ERROR,
    NOT_JSON,
    MALFORMED,
    AUTH_REJECTED,
    /** The provider's address is one {@code PROVIDER_BLOCK_PRIVATE=true} refuses: not retried. */
    REFUSED_ADDRESS
  }

  private final Kind kind;
  private final int httpStatus;
  private final long retryAfterSeconds;

  public ProviderException(Kind kind, String detail) {
    this(kind, detail, 0, 0);
  }

  public ProviderException(Kind kind, String detail, int httpStatus, long retryAfterSeconds) {
    super(status(kind), title(kind), detail);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
    with("provider_error", kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Worth another try: the provider may answer next time (network trouble, overload), unlike a
   * rejected login or a page that is not JSON.
   */
  public boolean transientFailure() {
    return switch (kind) {
      case TIMEOUT, UNREACHABLE -> true;
      case HTTP_ERROR -> httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
      default -> false;
    };
  }

  /** The provider's Retry-After, in seconds, or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static int status(Kind kind) {
    return switch (kind) {
      case TIMEOUT, TOO_SLOW -> 504;
      case REFUSED_ADDRESS -> 403; // Lineup refuses the call; the provider did nothing wrong
      default -> 502;
    };
  }

  private static String title(Kind kind) {
    return switch (kind) {
      case TIMEOUT -> "Provider timed out";
      case TOO_SLOW -> "Provider too slow";
      case UNREACHABLE -> "Provider unreachable";
      case HTTP_ERROR -> "Provider error";
      case NOT_JSON, MALFORMED -> "Provider sent an unusable answer";
      case AUTH_REJECTED -> "Provider rejected the credentials";
      case REFUSED_ADDRESS -> "Provider address refused";
    };
  }
}
