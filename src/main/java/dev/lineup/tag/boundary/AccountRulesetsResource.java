package dev.lineup.tag.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.tag.control.AccountRules;
import dev.lineup.tag.entity.Ruleset;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/accounts/{id}/rulesets}: which rulesets an account uses, in which order. An account
 * with no enabled ruleset assigned uses every enabled default ruleset; {@code effective} in the
 * answer lists what tag processing uses (AccountRules), so the two can never disagree.
 */
@Path("accounts/{id}/rulesets")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class AccountRulesetsResource {
  @PersistenceContext EntityManager em;
  @Inject AccountRules accountRules;

  // The answer stays a map (the tags page's JSP reads its keys); these records describe it in the
  // OpenAPI document, and OpenApiIT checks them against real answers.

  /** The rulesets assigned to the account, and the ones tag processing really uses. */
  public record AccountRulesets(
      long accountId,
      List<AssignedRuleset> assigned,
      @Schema(description = "No enabled ruleset is assigned: every enabled default ruleset is used")
          boolean usesDefaults,
      List<EffectiveRuleset> effective) {}

  public record AssignedRuleset(long rulesetId, String name, int priority, boolean enabled) {}

  public record EffectiveRuleset(long rulesetId, String name, int priority) {}

  record Assignment(long rulesetId, @Schema(defaultValue = "100") Integer priority) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountRulesets.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> list(@PathParam("id") long accountId) {
    Account.require(em, accountId);
    List<Map<String, Object>> assigned = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT r.id, r.name, ar.priority, r.enabled FROM account_rulesets ar"
                    + " JOIN rulesets r ON r.id = ar.ruleset_id WHERE ar.account_id = ?"
                    + " ORDER BY ar.priority, r.id")
            .setParameter(1, accountId)
            .getResultList()) {
      Object[] cells = (Object[]) row;
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("ruleset_id", ((Number) cells[0]).longValue());
      item.put("name", cells[1]);
      item.put("priority", ((Number) cells[2]).intValue());
      item.put("enabled", toBoolean(cells[3]));
      assigned.add(item);
    }
    // The rulesets processing really uses (AccountRules): with no enabled assignment, the defaults.
    List<Long> used = accountRules.effectiveRulesets(accountId);
    List<Map<String, Object>> effective = new ArrayList<>();
    for (long id : used) {
      Ruleset r = em.find(Ruleset.class, id);
      // An assigned ruleset's order is its assignment's priority; a default's, its own.
      Object priority =
          assigned.stream()
              .filter(a -> a.get("ruleset_id").equals(id))
              .map(a -> a.get("priority"))
              .findFirst()
              .orElse(r.priority());
      effective.add(Map.of("ruleset_id", r.id(), "name", r.name(), "priority", priority));
    }
    boolean usesDefaults = assigned.stream().noneMatch(a -> Boolean.TRUE.equals(a.get("enabled")));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("account_id", accountId);
    answer.put("assigned", assigned);
    answer.put("uses_defaults", usesDefaults);
    answer.put("effective", effective);
    return answer;
  }

  /**
   * Assigns a ruleset ({@code ruleset_id}, optional {@code priority}); again updates the priority.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = Assignment.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountRulesets.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Map<String, Object> assign(@PathParam("id") long accountId, String body) {
    Account.require(em, accountId);
    JsonBody json = JsonBody.parse(body);
    Integer rulesetId = json.integer("ruleset_id");
    Integer priority = json.integer("priority");
    if (rulesetId == null) {
      json.reject("ruleset_id", "is required");
    }
    if (priority != null && (priority < 0 || priority > 100_000)) {
      json.reject("priority", "must be from 0 to 100000");
    }
    json.throwIfInvalid();
    Ruleset.require(em, rulesetId);
    em.createNativeQuery(
            "INSERT INTO account_rulesets (account_id, ruleset_id, priority) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE priority = VALUES(priority)")
        .setParameter(1, accountId)
        .setParameter(2, rulesetId)
        .setParameter(3, priority == null ? 100 : priority)
        .executeUpdate();
    return list(accountId);
  }

  @DELETE
  @Path("{rulesetId}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountRulesets.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> unassign(
      @PathParam("id") long accountId, @PathParam("rulesetId") long rulesetId) {
    Account.require(em, accountId);
    int removed =
        em.createNativeQuery("DELETE FROM account_rulesets WHERE account_id = ? AND ruleset_id = ?")
            .setParameter(1, accountId)
            .setParameter(2, rulesetId)
            .executeUpdate();
    if (removed == 0) {
      throw ProblemException.notFound(
          "Assignment of ruleset " + rulesetId + " to account", accountId);
    }
    return list(accountId);
  }

  private static boolean toBoolean(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }
}
