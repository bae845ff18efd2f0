package dev.lineup.identity.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.identity.control.GuideCatalogue;
import dev.lineup.identity.control.GuideMatches;
import dev.lineup.identity.control.GuideMatches.GuideMatchPage;
import dev.lineup.identity.control.GuideMatching;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/epg}: how the channels found their guides ({@code GET matches}), guide channels by
 * name ({@code GET guide-channels}, to map a channel by hand), and a matching run now ({@code POST
 * match}, every account or one) over every channel no person decided.
 */
@Path("epg")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GuideMatchesResource {
  @PersistenceContext EntityManager em;
  @Inject GuideMatching matching;
  @Inject GuideMatches matches;
  @Inject GuideCatalogue catalogue;

  @GET
  @Path("matches")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideMatchPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  public GuideMatchPage matches(
      @QueryParam("status") String status,
      @QueryParam("account_id") Long accountId,
      @QueryParam("search") String search,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    if (accountId != null) {
      Account.require(em, accountId);
    }
    return matches.page(GuideMatches.Query.parse(status, accountId, search, limit, offset));
  }

  @GET
  @Path("guide-channels")
  @APIResponse(
      responseCode = "200",
      description = "Guide channels whose id or a name holds the text (case and accents aside)",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = GuideCatalogue.Found.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  public List<GuideCatalogue.Found> guideChannels(
      @QueryParam("search") String search, @QueryParam("limit") Integer limit) {
    if (search == null || search.isBlank() || search.length() > 200) {
      throw ProblemException.badRequest("search must be 1 to 200 characters.");
    }
    int l = limit == null ? 20 : limit;
    if (l < 1 || l > 100) {
      throw ProblemException.badRequest("limit must be 1 to 100.");
    }
    return catalogue.search(search, l);
  }

  @POST
  @Path("match")
  @APIResponse(
      responseCode = "200",
      description = "What the run did",
      content = @Content(schema = @Schema(implementation = GuideMatching.Outcome.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public GuideMatching.Outcome match(@QueryParam("account_id") Long accountId) {
    if (accountId != null) {
      Account.require(em, accountId);
    }
    return matching.run(GuideMatching.Scope.all(accountId));
  }
}
