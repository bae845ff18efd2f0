package dev.lineup.tag.boundary;

import dev.lineup.tag.control.TagProcessing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /api/accounts/{id}/process-tags}: tags the account's channels with its rules now.
 * From the database when the account is synced ({@code using_database: true}), else from the
 * provider's live list without storing ({@code using_database: false}).
 */
@Path("accounts/{id}/process-tags")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProcessTagsResource {
  @Inject TagProcessing processing;

  /** The filters and the search index follow through {@code TagsChanged}. */
  @POST
  public Map<String, Object> process(@PathParam("id") long id) {
    return processing.process(id, false);
  }
}
