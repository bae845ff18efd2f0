package dev.lineup.epg.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.platform.ApiDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/accounts/{id}/epg}: whether the account's guide is stored, and {@code POST
 * .../refresh} to fetch it from the provider now (it is also fetched after every sync).
 */
@Path("accounts/{id}/epg")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountEpgResource {
  @PersistenceContext EntityManager em;
  @Inject GuideRefresh refresh;

  /**
   * The account's stored guide: its counts only when {@code available}, the last failure only when
   * the last fetch failed.
   */
  @Schema(requiredProperties = {"available", "url"})
  public record GuideStatus(
      boolean available,
      @JsonbNillable(false) Integer channels,
      @JsonbNillable(false) Integer programmes,
      @JsonbNillable(false) Long bytes,
      @JsonbNillable(false) String updatedAt,
      @JsonbNillable(false) String lastError,
      @JsonbNillable(false) String lastErrorAt,
      @Schema(description = "The account's guide (a legacy player URL)") String url) {}

  public record GuideRefreshed(boolean success, int channels, int programmes, long bytes) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideStatus.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public GuideStatus status(@PathParam("id") long id) {
    String key = GuideRefresh.key(Account.require(em, id));
    XmltvStore guides = refresh.guides();
    XmltvStore.Stats stats = guides.stats(key);
    XmltvStore.Failure failure = guides.failure(key);
    return new GuideStatus(
        stats != null,
        stats == null ? null : stats.channels(),
        stats == null ? null : stats.programmes(),
        stats == null ? null : stats.bytes(),
        stats == null ? null : guides.storedAt(key).toString(),
        failure == null ? null : failure.message(),
        failure == null ? null : failure.at().toString(),
        "/epg/" + id + ".xml");
  }

  @POST
  @Path("refresh")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideRefreshed.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "502", ref = ApiDocument.PROVIDER_FAILED)
  @APIResponse(responseCode = "504", ref = ApiDocument.PROVIDER_TIMEOUT)
  public GuideRefreshed refresh(@PathParam("id") long id) {
    XmltvStore.Stats stats = refresh.refresh(Account.require(em, id));
    return new GuideRefreshed(true, stats.channels(), stats.programmes(), stats.bytes());
  }
}
