package dev.lineup.tag.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.QueryParams;
import dev.lineup.tag.control.TagQueries;
import dev.lineup.tag.entity.TagName;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/accounts/{id}/tags} (with counts) and {@code .../tags/search?q=&limit=}. */
@Path("accounts/{id}/tags")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountTagsResource {
  @PersistenceContext EntityManager em;
  @Inject TagQueries queries;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = TagsResource.TagCount.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<Map<String, Object>> accountTags(@PathParam("id") long id) {
    Account.require(em, id);
    return queries.query(id, null, true, 100_000);
  }

  @GET
  @Path("search")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = TagsResource.TagCount.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<Map<String, Object>> search(
      @PathParam("id") long id, @QueryParam("q") String q, @QueryParam("limit") String limit) {
    Account.require(em, id);
    String needle = q == null ? "" : q.strip();
    String normalised = TagName.normalise(needle + "xx");
    String term =
        needle.isEmpty() || normalised == null
            ? ""
            : normalised.substring(0, normalised.length() - 2);
    return queries.query(id, term, true, QueryParams.integer("limit", limit, 20, 1, 200));
  }
}
