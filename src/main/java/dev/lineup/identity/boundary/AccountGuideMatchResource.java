package dev.lineup.identity.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.identity.control.GuideMatching;
import dev.lineup.platform.ApiDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/accounts/{id}/epg/match}: matches the account's undecided channels now. */
@Path("accounts/{id}/epg/match")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountGuideMatchResource {
  @PersistenceContext EntityManager em;
  @Inject GuideMatching matching;

  @POST
  @APIResponse(
      responseCode = "200",
      description = "What the run did",
      content = @Content(schema = @Schema(implementation = GuideMatching.Outcome.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public GuideMatching.Outcome match(@PathParam("id") long id) {
    Account.require(em, id);
    return matching.run(GuideMatching.Scope.all(id));
  }
}
