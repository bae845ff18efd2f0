package dev.lineup.sync.boundary;

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
import java.util.Map;

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

  @POST
  public Map<String, Object> optimize(
      @QueryParam("purge_inactive_days") String days, @QueryParam("optimize") String optimize) {
    return maintenance.run(
        QueryParams.integer("purge_inactive_days", days, config.purgeInactiveDays(), 0, 36500),
        QueryParams.bool("optimize", optimize, false));
  }
}
