package dev.lineup.channel.boundary;

import dev.lineup.channel.control.PreviewRequest;
import jakarta.ws.rs.QueryParam;
import java.util.function.Function;

/**
 * The query parameters every preview endpoint takes, read as text and checked by {@link #request}:
 * by JAX-RS for the API ({@code @BeanParam}), by {@link #of} for the web UI's preview page.
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

  @QueryParam("merged")
  String merged;

  /** The parameters as {@code parameter} gives them by name (null: absent). */
  public static PreviewParams of(Function<String, String> parameter) {
    PreviewParams params = new PreviewParams();
    params.limit = parameter.apply("limit");
    params.offset = parameter.apply("offset");
    params.after = parameter.apply("after");
    params.tags = parameter.apply("tags");
    params.match = parameter.apply("match");
    params.search = parameter.apply("search");
    params.includeInactive = parameter.apply("include_inactive");
    params.applyFilters = parameter.apply("apply_filters");
    params.merged = parameter.apply("merged");
    return params;
  }

  /** The checked request; a bad value is a 400 problem naming the parameter. */
  public PreviewRequest request() {
    return PreviewRequest.parse(
        limit, offset, after, tags, match, search, includeInactive, applyFilters, merged);
  }
}
