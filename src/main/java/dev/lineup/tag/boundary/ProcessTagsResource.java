package dev.lineup.tag.boundary;

import dev.lineup.platform.ApiDocument;
import dev.lineup.tag.control.TagProcessing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

  /** The report of TagProcessing (a map), for the OpenAPI document. */
  public record TagProcessingReport(
      boolean success,
      long processed,
      int uniqueTags,
      @Schema(description = "Channels per tag name") Map<String, Long> tagCounts,
      int tagsCreated,
      int tagsUpdated,
      int tagsRemoved,
      int channelsUpdated,
      @Schema(description = "false: tagged from the provider's live list, nothing stored")
          boolean usingDatabase) {}

  /** The filters and the search index follow through {@code TagsChanged}. */
  @POST
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TagProcessingReport.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "502", ref = ApiDocument.PROVIDER_FAILED)
  @APIResponse(responseCode = "504", ref = ApiDocument.PROVIDER_TIMEOUT)
  public Map<String, Object> process(@PathParam("id") long id) {
    return processing.process(id, false);
  }
}
