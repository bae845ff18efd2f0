package dev.lineup.relay.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ProblemException;
import dev.lineup.relay.control.Relay;
import dev.lineup.relay.control.StreamView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/streams}: what the relay plays now — each stream with its source, viewers and bytes —
 * and each account's connection slots, used and free. DELETE stops a stream: its viewers' answers
 * end and its slot is free at once.
 */
@Path("streams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {
  @PersistenceContext EntityManager em;
  @Inject Relay relay;

  /** The relay now. */
  public record StreamsView(List<StreamView> streams, List<SlotsView> accounts) {}

  /**
   * An account's connection slots.
   *
   * @param limit how many streams it may have open at once (null: no limit)
   * @param free how many more it may open now (null: no limit)
   */
  public record SlotsView(long id, String name, Integer limit, int used, Integer free) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = StreamsView.class)))
  public StreamsView streams() {
    return new StreamsView(relay.streams(), slots(em, relay));
  }

  /** Every account's slots, in name order. */
  public static List<SlotsView> slots(EntityManager em, Relay relay) {
    return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
        .map(
            a -> {
              Integer limit = a.connectionLimit();
              int used = relay.slotsUsed(a.id());
              return new SlotsView(
                  a.id(), a.name(), limit, used, limit == null ? null : Math.max(0, limit - used));
            })
        .toList();
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Stopped")
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Response stop(@PathParam("id") long id) {
    if (!relay.stop(id)) {
      throw new ProblemException(404, "Not found", "No stream " + id + " is playing.");
    }
    return Response.noContent().build();
  }
}
