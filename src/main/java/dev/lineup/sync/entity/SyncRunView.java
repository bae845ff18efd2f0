package dev.lineup.sync.entity;

import dev.lineup.platform.UtcJson;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * How a sync run looks in the API (its stats after {@code POST .../sync}, the history, a status'
 * {@code last_run}, the results of {@code /api/sync/all}): the legacy stats shape ({@code success,
 * account_id, ..., errors[]}) plus the run's details, in snake_case. {@code channels_active} is the
 * account's active channels when the run ended and {@code channels_guided} how many of them have a
 * guide (null until guide matching has looked). {@code tagging} is sent only when the run tagged
 * the account's channels; every other member is sent, null or not.
 */
public record SyncRunView(
    boolean success,
    Long runId,
    long accountId,
    String accountName,
    String status,
    String trigger,
    String scope,
    boolean forced,
    @JsonbTypeAdapter(UtcJson.class) LocalDateTime startedAt,
    @JsonbTypeAdapter(UtcJson.class) LocalDateTime finishedAt,
    Long durationMs,
    Long writeMs,
    int categoriesFetched,
    int categoriesAdded,
    int categoriesUpdated,
    int categoriesReactivated,
    int categoriesDeactivated,
    int channelsFetched,
    int channelsAdded,
    int channelsUpdated,
    int channelsReactivated,
    int channelsDeactivated,
    String message,
    Integer channelsActive,
    Integer channelsGuided,
    @JsonbNillable(false) Map<String, Object> tagging,
    List<String> errors) {

  static SyncRunView of(SyncRun run) {
    SyncRun.Changes categories = run.categories;
    SyncRun.Changes channels = run.channels;
    return new SyncRunView(
        run.succeeded(),
        run.id,
        run.accountId,
        run.accountName,
        run.status.code(),
        run.trigger,
        run.scope,
        run.forced,
        run.startedAt,
        run.finishedAt,
        run.durationMs,
        run.writeMs,
        categories.fetched(),
        categories.added(),
        categories.updated(),
        categories.reactivated(),
        categories.deactivated(),
        channels.fetched(),
        channels.added(),
        channels.updated(),
        channels.reactivated(),
        channels.deactivated(),
        run.message,
        run.channelsActive,
        run.channelsGuided,
        run.tagging,
        run.status == SyncRun.Status.FAILED && run.message != null
            ? List.of(run.message)
            : List.of());
  }
}
