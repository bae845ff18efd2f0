package dev.lineup.tag.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.QueryParams;
import dev.lineup.tag.control.TagQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/tags[?account_id=&with_counts=true]}: tags in use; counts of active channels. */
@Path("tags")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {
  @PersistenceContext EntityManager em;
  @Inject TagQueries queries;

  /**
   * A tag (a map of TagQueries), for the OpenAPI document: {@code channel_count} only with counts.
   */
  @Schema(requiredProperties = {"id", "name"})
  public record TagCount(
      long id,
      String name,
      @Schema(description = "Active channels with the tag") Long channelCount) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TagCount.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<Map<String, Object>> tags(
      @QueryParam("account_id") String accountId, @QueryParam("with_counts") String withCounts) {
    Long account =
        accountId == null || accountId.isBlank()
            ? null
            : (long) QueryParams.integer("account_id", accountId, 0, 1, Integer.MAX_VALUE);
    if (account != null) {
      Account.require(em, account);
    }
    return queries.query(
        account, null, QueryParams.bool("with_counts", withCounts, false), 100_000);
  }
}
