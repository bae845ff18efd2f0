package dev.lineup.channel.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.UtcJson;
import dev.lineup.sync.control.SyncStatus;
import dev.lineup.sync.control.SyncStatusView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/accounts/{id}/stats} (a legacy path): the account's figures in one answer —
 * channels, categories, what passes its filters, its tags — from the database, with no side effect
 * (the legacy tool rebuilt every tag here).
 */
@Path("accounts/{id}/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountStatsResource {
  @PersistenceContext EntityManager em;
  @Inject SyncStatus status;

  /**
   * The account's figures.
   *
   * @param channelCount active channels
   * @param tagCount distinct tags on its channels
   * @param taggedChannels channels with at least one tag
   */
  public record AccountStats(
      long accountId,
      String accountName,
      boolean enabled,
      boolean synced,
      @JsonbTypeAdapter(UtcJson.class) LocalDateTime lastSync,
      long channelCount,
      long inactiveChannels,
      long categoryCount,
      long passingChannels,
      long tagCount,
      long taggedChannels,
      long filterCount) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountStats.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public AccountStats stats(@PathParam("id") long id) {
    Account account = Account.require(em, id);
    SyncStatusView sync = status.of(id);
    Object[] tags =
        (Object[])
            em.createNativeQuery(
                    "SELECT COUNT(DISTINCT tag_id), COUNT(DISTINCT channel_id) FROM channel_tags"
                        + " WHERE account_id = ?")
                .setParameter(1, id)
                .getSingleResult();
    long filters =
        ((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM filters WHERE account_id = ?")
                    .setParameter(1, id)
                    .getSingleResult())
            .longValue();
    return new AccountStats(
        id,
        account.name(),
        account.enabled(),
        sync.synced(),
        sync.lastSync(),
        sync.activeChannels(),
        sync.inactiveChannels(),
        sync.activeCategories(),
        sync.passingChannels(),
        ((Number) tags[0]).longValue(),
        ((Number) tags[1]).longValue(),
        filters);
  }
}
