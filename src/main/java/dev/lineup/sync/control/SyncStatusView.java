package dev.lineup.sync.control;

import dev.lineup.platform.UtcJson;
import dev.lineup.sync.entity.SyncRunView;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.LocalDateTime;

/**
 * An account's sync state ({@code GET /api/accounts/{id}/sync/status}, and the account cards of the
 * web UI): {@code synced, last_sync, channel_count, category_count} (the fields the legacy UI
 * reads) plus active/inactive counts, the channels passing the filters, whether a sync runs now
 * (its id and progress), and the last run. Every member is sent, null or not.
 */
public record SyncStatusView(
    long accountId,
    boolean synced,
    @JsonbTypeAdapter(UtcJson.class) LocalDateTime lastSync,
    long channelCount,
    long categoryCount,
    long activeChannels,
    long inactiveChannels,
    long activeCategories,
    long inactiveCategories,
    long passingChannels,
    boolean running,
    Long runningRunId,
    SyncProgress.Snapshot progress,
    SyncRunView lastRun) {}
