package dev.lineup.provider.control;

import dev.lineup.platform.Variable;
import java.util.List;

/**
 * How Lineup talks to providers (README, "Configuration"): read here and only here, through the
 * same {@link Variable} that {@code ConfigCheck} checks at start, so the value checked is the value
 * used (a {@code PROVIDER_BLOCK_PRIVATE=true} with a stray carriage return from an {@code .env}
 * file is true for both, not "valid" for one and false for the other).
 */
public final class ProviderConfig {
  public static final Variable<Long> CONNECT_TIMEOUT_SECONDS =
      Variable.whole("PROVIDER_CONNECT_TIMEOUT_SECONDS", "10", 1, 3600, "seconds");
  public static final Variable<Long> READ_TIMEOUT_SECONDS =
      Variable.whole("PROVIDER_READ_TIMEOUT_SECONDS", "30", 1, 3600, "seconds");
  public static final Variable<Long> DOWNLOAD_TIMEOUT_SECONDS =
      Variable.whole("PROVIDER_DOWNLOAD_TIMEOUT_SECONDS", "600", 1, 86_400, "seconds");
  public static final Variable<Long> RETRIES =
      Variable.whole("PROVIDER_RETRIES", "2", 0, 10, "retries");
  public static final Variable<Long> RETRY_DELAY_MS =
      Variable.whole("PROVIDER_RETRY_DELAY_MS", "1000", 0, 600_000, "milliseconds");
  public static final Variable<Boolean> BLOCK_PRIVATE =
      Variable.flag("PROVIDER_BLOCK_PRIVATE", "false");

  public static final List<Variable<?>> VARIABLES =
      List.of(
          CONNECT_TIMEOUT_SECONDS,
          READ_TIMEOUT_SECONDS,
          DOWNLOAD_TIMEOUT_SECONDS,
          RETRIES,
          RETRY_DELAY_MS,
          BLOCK_PRIVATE);

  private ProviderConfig() {}
}
