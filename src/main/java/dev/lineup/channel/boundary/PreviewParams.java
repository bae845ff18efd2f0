package dev.lineup.channel.boundary;

import dev.lineup.channel.control.PreviewRequest;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters every preview endpoint takes, read as text and checked by {@link #request}.
 */
public class PreviewParams {
  @QueryParam("limit")
  String limit;

  @QueryParam("offset")
  String offset;

  @QueryParam("after")
  String after;

  @QueryParam("tags")
  String tags;

  @QueryParam("match")
  String match;

  @QueryParam("search")
  String search;

  @QueryParam("include_inactive")
  String includeInactive;

  @QueryParam("apply_filters")
  String applyFilters;

  /** The checked request; a bad value is a 400 problem naming the parameter. */
  public PreviewRequest request() {
    return PreviewRequest.parse(
        limit, offset, after, tags, match, search, includeInactive, applyFilters);
  }
}
