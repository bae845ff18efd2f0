package dev.lineup.filter.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.filter.control.FilterEvaluation;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.QueryParams;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/filters}: filters by id ({@code ?account_id=} lists one account's). Every change
 * re-evaluates the account's channels, so counts, preview and playlists follow at once.
 */
@Path("filters")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class FiltersResource {
  @PersistenceContext EntityManager em;
  @Inject FilterEvaluation evaluation;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FilterView.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<FilterView> list(@QueryParam("account_id") String accountId) {
    if (accountId == null || accountId.isBlank()) {
      return em.createNamedQuery(Filter.ALL, Filter.class).getResultList().stream()
          .map(FilterView::of)
          .toList();
    }
    return ofAccount(QueryParams.integer("account_id", accountId, 0, 1, Integer.MAX_VALUE));
  }

  public List<FilterView> ofAccount(long accountId) {
    Account.require(em, accountId);
    return em
        .createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
        .setParameter("account", accountId)
        .getResultList()
        .stream()
        .map(FilterView::of)
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content = @Content(schema = @Schema(implementation = FilterRequest.FilterInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = FilterView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context UriInfo uri) {
    JsonBody json = JsonBody.parse(body);
    Integer accountId = json.integer("account_id");
    if (accountId == null) {
      json.reject("account_id", "is required");
    }
    json.throwIfInvalid();
    return create(accountId, json, uri);
  }

  public Response create(long accountId, JsonBody json, UriInfo uri) {
    Account.require(em, accountId);
    Filter filter = new Filter(accountId);
    FilterRequest.readInto(json, filter);
    em.persist(filter);
    em.flush();
    reevaluate(accountId);
    return Response.created(uri.getBaseUriBuilder().path("filters/{id}").build(filter.id()))
        .entity(FilterView.of(filter))
        .build();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = FilterView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public FilterView get(@PathParam("id") long id) {
    return FilterView.of(Filter.require(em, id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = FilterView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = FilterRequest.FilterInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public FilterView replace(@PathParam("id") long id, String body) {
    Filter filter = Filter.require(em, id);
    FilterRequest.readInto(JsonBody.parse(body), filter);
    em.flush();
    reevaluate(filter.accountId());
    return FilterView.of(filter);
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = FilterView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = FilterRequest.FilterInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public FilterView patch(@PathParam("id") long id, String body) {
    Filter filter = Filter.require(em, id);
    JsonObject merged =
        Json.createMergePatch(JsonBody.parse(body).json())
            .apply(FilterRequest.asJson(filter))
            .asJsonObject();
    FilterRequest.readInto(JsonBody.of(merged), filter);
    em.flush();
    reevaluate(filter.accountId());
    return FilterView.of(filter);
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted delete(@PathParam("id") long id) {
    Filter filter = Filter.require(em, id);
    em.remove(filter);
    em.flush();
    reevaluate(filter.accountId());
    return new Deleted("Filter " + id + " deleted.");
  }

  /** Evaluates the account's filters as this transaction leaves them (not yet committed). */
  private void reevaluate(long accountId) {
    evaluation.recompute(
        accountId,
        Filter.evaluable(
            em.createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
                .setParameter("account", accountId)
                .getResultList()));
  }
}
