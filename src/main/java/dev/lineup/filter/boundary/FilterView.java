package dev.lineup.filter.boundary;

import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.Timestamped;

/** A filter as the API shows it (the legacy field names). */
public record FilterView(
    long id,
    long accountId,
    String name,
    String filterType,
    String filterAction,
    String filterValue,
    boolean enabled,
    String createdAt,
    String updatedAt) {

  static FilterView of(Filter f) {
    return new FilterView(
        f.id(),
        f.accountId(),
        f.name(),
        f.type(),
        f.action(),
        f.value(),
        f.enabled(),
        Timestamped.iso(f.createdAt()),
        Timestamped.iso(f.updatedAt()));
  }
}
