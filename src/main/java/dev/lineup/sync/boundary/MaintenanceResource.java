package dev.lineup.sync.boundary;

import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.QueryParams;
import dev.lineup.sync.control.Maintenance;
import dev.lineup.sync.control.SyncConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/maintenance/optimize}: purges channels and categories inactive for longer than
 * {@code purge_inactive_days} (default {@code PURGE_INACTIVE_DAYS}, 30), trims every account's sync
 * history, refreshes the optimizer's statistics ({@code ANALYZE}) and, with {@code optimize=true},
 * rebuilds the large tables ({@code OPTIMIZE TABLE}, online in InnoDB). Safe while Lineup serves.
 */
@Path("maintenance/optimize")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {
  @Inject Maintenance maintenance;

  @Inject SyncConfig config;

  /** The report of {@code Maintenance.run} (a map), for the OpenAPI document. */
  public record MaintenanceReport(
      boolean success,
      int purgeInactiveDays,
      long channelsPurged,
      long categoriesPurged,
      long syncRunsPurged,
      List<String> analyzed,
      List<String> optimized,
      long durationMs) {}

  @POST
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = MaintenanceReport.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  public Map<String, Object> optimize(
      @QueryParam("purge_inactive_days") String days, @QueryParam("optimize") String optimize) {
    return maintenance.run(
        QueryParams.integer("purge_inactive_days", days, config.purgeInactiveDays(), 0, 36500),
        QueryParams.bool("optimize", optimize, false));
  }
}
