package dev.lineup.channel.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.channel.control.PreviewView;
import dev.lineup.channel.control.ProviderPreview;
import dev.lineup.channel.control.SearchIndex;
import dev.lineup.platform.ApiDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/accounts/{id}/preview}: a page of the account's channels, from the database once
 * it is synced ({@code using_database: true}), else from the provider's live list ({@code
 * using_database: false}).
 */
@Path("accounts/{id}/preview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountPreviewResource {
  @PersistenceContext EntityManager em;
  @Inject ChannelPreview preview;
  @Inject ProviderPreview providerPreview;
  @Inject SearchIndex searchIndex;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = PreviewView.AccountPreviewPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> preview(@PathParam("id") long id, @BeanParam PreviewParams params) {
    return view(id, params.request(), false);
  }

  /**
   * The account's preview page: from the database when synced, else from the provider; {@code
   * crossAccount} names each channel's account too (the web UI's one table for all views).
   */
  public Map<String, Object> view(long id, PreviewRequest request, boolean crossAccount) {
    Account account = Account.require(em, id);
    boolean synced = !preview.synced(List.of(id)).isEmpty();
    ChannelPreview.Page page =
        synced ? preview.page(List.of(id), request) : providerPreview.page(account, request);
    return PreviewView.of(page, request, synced, synced && searchIndex.pending(id), crossAccount);
  }
}
