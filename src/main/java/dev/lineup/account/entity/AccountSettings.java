package dev.lineup.account.entity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Everything a user sets on an account, already type-checked and normalised; Bean Validation checks
 * the bounds. A null password means "keep the stored one". {@code epgUrl}, when set, is where the
 * account's guide comes from instead of the provider's own (xmltv.php or the playlist's x-tvg-url).
 * {@code maxConnections} caps the streams the relay opens on the account at once; null leaves it to
 * the provider's {@code user_info.max_connections}.
 */
public record AccountSettings(
    @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
        String name,
    @NotNull(message = "is required") ProviderType providerType,
    @NotNull(message = "is required") ServerUrl server,
    @Size(max = 255, message = "must be at most 255 characters") String username,
    @Size(max = 1024, message = "must be at most 1024 characters") String password,
    boolean enabled,
    @Min(value = 0, message = "must be 0 (never) or more hours")
        @Max(value = 8760, message = "must be at most 8760 hours (a year)")
        Integer syncIntervalHours,
    ServerUrl epgUrl,
    @Min(value = 1, message = "must be 1 or more (null: the provider's figure)")
        @Max(value = 1000, message = "must be at most 1000")
        Integer maxConnections) {}
