package dev.lineup.sync.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.QueryParams;
import dev.lineup.sync.control.ChannelSync;
import dev.lineup.sync.control.SyncProgress;
import dev.lineup.sync.control.SyncRuns;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Scope;
import dev.lineup.sync.entity.SyncRun.Trigger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sync on demand, its status and history ({@code /api/accounts/{id}/sync...}, {@code
 * /api/sync/all}). Holds no transaction: a sync manages its own connection.
 */
@Path("accounts/{id}/sync")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
  @PersistenceContext EntityManager em;
  @Inject ChannelSync sync;
  @Inject SyncRuns runs;
  @Inject SyncProgress progress;

  /**
   * Syncs the account now and answers with the run's stats. {@code force=true} confirms a sync the
   * safety gate held back; {@code only=categories|channels} syncs one list.
   */
  @POST
  public Map<String, Object> sync(
      @PathParam("id") long id,
      @QueryParam("force") String force,
      @QueryParam("only") String only) {
    return sync.sync(id, Trigger.MANUAL, scope(only), QueryParams.bool("force", force, false))
        .view();
  }

  /**
   * Asks the account's running sync to stop at its next batch; nothing half-done becomes visible.
   */
  @DELETE
  public Map<String, Object> cancel(@PathParam("id") long id) {
    account(id);
    Optional<Long> running = runs.requestCancel(id);
    if (running.isEmpty()) {
      throw ProblemException.conflict("No sync of account " + id + " is running.");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("run_id", running.get());
    answer.put("message", "Cancel requested; the sync stops at its next batch.");
    return answer;
  }

  /**
   * {@code synced, last_sync, channel_count, category_count} (the fields the legacy UI reads) plus
   * active/inactive counts, whether a sync runs now, and the last run.
   */
  @GET
  @Path("status")
  public Map<String, Object> status(@PathParam("id") long id) {
    account(id);
    Optional<SyncRun> lastOk = runs.lastSuccessful(id);
    Object[] channels = counts("channels", id);
    Object[] categories = counts("categories", id);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("account_id", id);
    status.put("synced", lastOk.isPresent());
    status.put("last_sync", lastOk.map(r -> SyncRun.iso(r.finishedAt)).orElse(null));
    status.put("channel_count", channels[0]);
    status.put("category_count", categories[0]);
    status.put("active_channels", channels[0]);
    status.put("inactive_channels", channels[1]);
    status.put("active_categories", categories[0]);
    status.put("inactive_categories", categories[1]);
    Optional<Long> running = runs.running(id);
    status.put("running", running.isPresent());
    status.put("running_run_id", running.orElse(null));
    status.put("progress", progress.current(id).orElse(null));
    status.put("last_run", runs.last(id).map(SyncRun::view).orElse(null));
    return status;
  }

  @GET
  @Path("history")
  public List<Map<String, Object>> history(
      @PathParam("id") long id, @QueryParam("limit") String limit) {
    account(id);
    return runs.history(id, QueryParams.integer("limit", limit, 20, 1, 500)).stream()
        .map(SyncRun::view)
        .toList();
  }

  private Object[] counts(String table, long accountId) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(is_active), 0), COALESCE(SUM(NOT is_active), 0) FROM "
                        + table
                        + " WHERE account_id = ?")
                .setParameter(1, accountId)
                .getSingleResult();
    return new Object[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }

  private Account account(long id) {
    Account account = em.find(Account.class, id);
    if (account == null) {
      throw ProblemException.notFound("Account", id);
    }
    return account;
  }

  private static Scope scope(String only) {
    if (only == null || only.isBlank()) {
      return Scope.ALL;
    }
    return switch (only.toLowerCase(Locale.ROOT)) {
      case "categories" -> Scope.CATEGORIES;
      case "channels" -> Scope.CHANNELS;
      default -> throw ProblemException.badRequest("only must be 'categories' or 'channels'.");
    };
  }
}
