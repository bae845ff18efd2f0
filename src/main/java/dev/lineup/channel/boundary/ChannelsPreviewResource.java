package dev.lineup.channel.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.channel.control.PreviewView;
import dev.lineup.channel.control.SearchIndex;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/channels/preview}: a page of channels across the listed accounts (or every
 * enabled one), from the database only. Accounts without synced channels are named in {@code
 * unsynced_accounts}, not silently left out.
 */
@Path("channels/preview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsPreviewResource {
  @PersistenceContext EntityManager em;
  @Inject ChannelPreview preview;
  @Inject SearchIndex searchIndex;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = PreviewView.ChannelsPreviewPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> preview(
      @QueryParam("account_ids") String accountIds, @BeanParam PreviewParams params) {
    return view(accountIds, params.request());
  }

  /**
   * The preview page across the listed accounts (null: every enabled one), from the database; the
   * accounts not synced yet are listed apart.
   */
  public Map<String, Object> view(String accountIds, PreviewRequest request) {
    List<Account> accounts = accounts(accountIds);
    Set<Long> synced = preview.synced(accounts.stream().map(Account::id).toList());
    Map<String, Object> body =
        PreviewView.of(
            preview.page(synced, request),
            request,
            true,
            synced.stream().anyMatch(searchIndex::pending),
            true);
    body.put("account_ids", synced);
    body.put("unsynced_accounts", PreviewView.unsynced(accounts, synced));
    return body;
  }

  /** The listed accounts (each must exist), or every enabled account. */
  private List<Account> accounts(String accountIds) {
    if (accountIds == null || accountIds.isBlank()) {
      return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
          .filter(Account::enabled)
          .toList();
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (String part : accountIds.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        ids.add(Long.parseLong(part.strip()));
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest(
            "account_ids must be comma-separated account ids; not: " + part.strip());
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, Account> found = new java.util.HashMap<>();
    for (Account account :
        em.createQuery("SELECT a FROM Account a WHERE a.id IN :ids", Account.class)
            .setParameter("ids", ids)
            .getResultList()) {
      found.put(account.id(), account);
    }
    List<Account> accounts = new ArrayList<>();
    for (long id : ids) {
      Account account = found.get(id);
      if (account == null) {
        throw ProblemException.notFound("Account", id);
      }
      accounts.add(account);
    }
    return accounts;
  }
}
