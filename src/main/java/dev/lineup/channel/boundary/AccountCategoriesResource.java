package dev.lineup.channel.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/accounts/{id}/categories} (a legacy path): the account's categories as the last
 * sync stored them, with how many active channels each has. Read from the database only; it never
 * calls the provider nor touches tags (the legacy tool rebuilt every tag here).
 */
@Path("accounts/{id}/categories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountCategoriesResource {
  @PersistenceContext EntityManager em;

  /**
   * One category.
   *
   * @param id Lineup's id of it
   * @param categoryId the provider's id (compared exactly)
   * @param active whether the last sync saw it
   */
  public record CategoryView(
      long id, String categoryId, String name, long channelCount, boolean active) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "The categories by name, inactive ones too",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CategoryView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<CategoryView> categories(@PathParam("id") long id) {
    Account.require(em, id);
    Map<String, Long> counts = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> grouped =
        em.createNativeQuery(
                "SELECT category_id, COUNT(*) FROM channels WHERE account_id = ? AND is_active"
                    + " AND category_id IS NOT NULL GROUP BY category_id")
            .setParameter(1, id)
            .getResultList();
    grouped.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, category_id, name, is_active FROM categories WHERE account_id = ?"
                    + " ORDER BY name, id")
            .setParameter(1, id)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new CategoryView(
                    ((Number) row[0]).longValue(),
                    (String) row[1],
                    (String) row[2],
                    counts.getOrDefault((String) row[1], 0L),
                    truth(row[3])))
        .toList();
  }

  static boolean truth(Object cell) {
    return cell instanceof Boolean b ? b : ((Number) cell).intValue() != 0;
  }
}
