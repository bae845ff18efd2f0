package dev.lineup.sync.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.QueryParams;
import dev.lineup.sync.control.ChannelSync;
import dev.lineup.sync.control.SyncRuns;
import dev.lineup.sync.control.SyncStatus;
import dev.lineup.sync.control.SyncStatusView;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Scope;
import dev.lineup.sync.entity.SyncRun.Trigger;
import dev.lineup.sync.entity.SyncRunView;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sync on demand, its status and history ({@code /api/accounts/{id}/sync...}, {@code
 * /api/sync/all}). Holds no transaction: a sync manages its own connection.
 */
@Path("accounts/{id}/sync")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
  private static final Logger LOG = Logger.getLogger(SyncResource.class.getName());
  @PersistenceContext EntityManager em;
  @Inject ChannelSync sync;
  @Inject SyncRuns runs;
  @Inject SyncEvents events;
  @Inject SyncStatus syncStatus;

  @Resource ManagedExecutorService executor;

  /**
   * Syncs the account now and answers with the run's stats. {@code force=true} confirms a sync the
   * safety gate held back; {@code only=categories|channels} syncs one list; {@code async=true}
   * answers 202 at once and runs the sync in the background (follow it with the events).
   */
  @POST
  public Response sync(
      @PathParam("id") long id,
      @QueryParam("force") String force,
      @QueryParam("only") String only,
      @QueryParam("async") String async,
      @Context UriInfo uri) {
    boolean forced = QueryParams.bool("force", force, false);
    Scope scope = scope(only);
    if (!QueryParams.bool("async", async, false)) {
      return Response.ok(sync.sync(id, Trigger.MANUAL, scope, forced).view()).build();
    }
    Account.require(em, id);
    runs.refuseWhileRunning(id);
    executor.execute(
        () -> {
          try {
            sync.sync(id, Trigger.MANUAL, scope, forced);
          } catch (ProblemException e) {
            LOG.info(() -> "Background sync of account " + id + " not run: " + e.detail());
          }
        });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", true);
    answer.put("account_id", id);
    answer.put(
        "status_url",
        uri.getBaseUriBuilder().path("accounts/{id}/sync/status").build(id).toString());
    answer.put(
        "events_url",
        uri.getBaseUriBuilder().path("accounts/{id}/sync/events").build(id).toString());
    return Response.accepted(answer).build();
  }

  /**
   * Server-sent events of the account's sync progress: {@code progress} events ({@code phase, done,
   * total}) while a sync runs, {@code done} when it ends (with the run's {@code status}), and one
   * {@code idle} event on connecting when none runs. The stream stays open for the next sync.
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse) {
    Account.require(em, id);
    events.subscribe(id, sink, sse);
  }

  /**
   * Asks the account's running sync to stop at its next batch; nothing half-done becomes visible.
   */
  @DELETE
  public Map<String, Object> cancel(@PathParam("id") long id) {
    Account.require(em, id);
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

  /** The account's sync state (see {@link SyncStatus}). */
  @GET
  @Path("status")
  public SyncStatusView status(@PathParam("id") long id) {
    Account.require(em, id);
    return syncStatus.of(id);
  }

  @GET
  @Path("history")
  public List<SyncRunView> history(@PathParam("id") long id, @QueryParam("limit") String limit) {
    Account.require(em, id);
    return runs.history(id, QueryParams.integer("limit", limit, 20, 1, 500)).stream()
        .map(SyncRun::view)
        .toList();
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
