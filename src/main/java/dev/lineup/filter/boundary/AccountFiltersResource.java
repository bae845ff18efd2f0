package dev.lineup.filter.boundary;

import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.JsonBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** {@code /api/accounts/{id}/filters}: an account's filters, and adding one to it. */
@Path("accounts/{id}/filters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountFiltersResource {
  @Inject FiltersResource filters;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FilterView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<FilterView> list(@PathParam("id") long accountId) {
    return filters.ofAccount(accountId);
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
  public Response create(@PathParam("id") long accountId, String body, @Context UriInfo uri) {
    return filters.create(accountId, JsonBody.parse(body), uri);
  }
}
