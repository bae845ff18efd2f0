package dev.lineup.sync.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
  /** {@code async=true}: the sync runs in the background; follow it at these URLs. */
  public record SyncAccepted(
      boolean accepted, long accountId, String statusUrl, String eventsUrl) {}

  public record CancelRequested(boolean success, long runId, String message) {}

  @POST
  @APIResponse(
      responseCode = "200",
      description = "The run's stats (also when it failed: see status and errors)",
      content = @Content(schema = @Schema(implementation = SyncRunView.class)))
  @APIResponse(
      responseCode = "202",
      description = "async=true: started in the background",
      content = @Content(schema = @Schema(implementation = SyncAccepted.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
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
    return Response.accepted(
            new SyncAccepted(
                true,
                id,
                uri.getBaseUriBuilder().path("accounts/{id}/sync/status").build(id).toString(),
                uri.getBaseUriBuilder().path("accounts/{id}/sync/events").build(id).toString()))
        .build();
  }

  /**
   * Server-sent events of the account's sync progress: {@code progress} events ({@code phase, done,
   * total}) while a sync runs, {@code done} when it ends (with the run's {@code status}), and one
   * {@code idle} event on connecting when none runs. The stream stays open for the next sync.
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @APIResponse(
      responseCode = "200",
      description =
          "Server-sent events: idle, progress {account_id, run_id, phase, done, total, status},"
              + " done")
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public void events(@PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse) {
    Account.require(em, id);
    events.subscribe(id, sink, sse);
  }

  /**
   * Asks the account's running sync to stop at its next batch; nothing half-done becomes visible.
   */
  @DELETE
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = CancelRequested.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  public CancelRequested cancel(@PathParam("id") long id) {
    Account.require(em, id);
    Optional<Long> running = runs.requestCancel(id);
    if (running.isEmpty()) {
      throw ProblemException.conflict("No sync of account " + id + " is running.");
    }
    return new CancelRequested(
        true, running.get(), "Cancel requested; the sync stops at its next batch.");
  }

  /** The account's sync state (see {@link SyncStatus}). */
  @GET
  @Path("status")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = SyncStatusView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public SyncStatusView status(@PathParam("id") long id) {
    Account.require(em, id);
    return syncStatus.of(id);
  }

  @GET
  @Path("history")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SyncRunView.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
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
