package dev.lineup.tag.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.tag.control.DefaultRuleset;
import dev.lineup.tag.control.RulesetDryRun;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import dev.lineup.tag.entity.TagRuleSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/rulesets}: CRUD, {@code /create-default}, the rules of a ruleset, and a dry run that
 * shows what the rules do to a channel (and how often each fires on an account's channels).
 */
@Path("rulesets")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class RulesetsResource {
  private static final Logger LOG = Logger.getLogger(RulesetsResource.class.getName());

  @PersistenceContext EntityManager em;

  @Inject RulesetDryRun dryRun;

  @GET
  public List<RulesetJson.RulesetView> list() {
    return em.createNamedQuery(Ruleset.ALL, Ruleset.class).getResultList().stream()
        .map(r -> RulesetJson.of(r, ruleCount(r.id())))
        .toList();
  }

  /** A ruleset with its rules. */
  public record RulesetWithRules(
      RulesetJson.RulesetView ruleset, List<RulesetJson.RuleView> rules) {}

  record RulesetInput(
      String name,
      String description,
      @Schema(defaultValue = "false") Boolean isDefault,
      @Schema(defaultValue = "true") Boolean enabled,
      @Schema(defaultValue = "100") Integer priority) {}

  record DryRunInput(
      @Schema(description = "Required unless account_id is given") String channelName,
      String categoryName,
      @Schema(description = "Also count each rule's hits among this account's active channels")
          Long accountId) {}

  // The dry run's answer stays a map (its halves are there only when asked for); these records
  // describe it in the OpenAPI document.

  /**
   * {@code tags, cleaned_name, matched_rules} for a channel_name; {@code account_id, hits} for an
   * account_id.
   */
  public record DryRun(
      List<String> tags,
      String cleanedName,
      List<RulesetJson.RuleView> matchedRules,
      Long accountId,
      DryRunHits hits) {}

  public record DryRunHits(long channels, List<RuleHitCount> rules) {}

  public record RuleHitCount(long ruleId, String name, long hits) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = RulesetInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = RulesetJson.RulesetView.class)))
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context UriInfo uri) {
    Ruleset ruleset = read(JsonBody.parse(body), null);
    em.persist(ruleset);
    em.flush();
    LOG.info(() -> "Ruleset created: " + ruleset.id() + " '" + ruleset.name() + "'");
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(ruleset.id())).build())
        .entity(RulesetJson.of(ruleset, 0))
        .build();
  }

  /** Creates the legacy "Default" ruleset with its rules; when it exists, answers it unchanged. */
  @POST
  @Path("create-default")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = RulesetJson.RulesetView.class)))
  @APIResponse(
      responseCode = "200",
      description = "It exists already: unchanged",
      content = @Content(schema = @Schema(implementation = RulesetJson.RulesetView.class)))
  public Response createDefault() {
    List<Ruleset> existing =
        em.createNamedQuery(Ruleset.BY_NAME, Ruleset.class)
            .setParameter("name", DefaultRuleset.NAME)
            .setParameter("exceptId", -1L)
            .getResultList();
    if (!existing.isEmpty()) {
      Ruleset ruleset = existing.get(0);
      return Response.ok(RulesetJson.of(ruleset, ruleCount(ruleset.id()))).build();
    }
    Ruleset ruleset = new Ruleset(DefaultRuleset.NAME, DefaultRuleset.DESCRIPTION, true, true, 100);
    em.persist(ruleset);
    em.flush();
    for (DefaultRuleset.RuleSpec spec : DefaultRuleset.rules()) {
      em.persist(
          new TagRule(
              ruleset.id(),
              new TagRuleSettings(
                  spec.name(),
                  spec.pattern(),
                  spec.type(),
                  spec.tagName(),
                  spec.source(),
                  spec.removeFromName(),
                  null,
                  spec.priority(),
                  true)));
    }
    LOG.info("Default ruleset created");
    return Response.status(Response.Status.CREATED)
        .entity(RulesetJson.of(ruleset, DefaultRuleset.rules().size()))
        .build();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetWithRules.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public RulesetWithRules get(@PathParam("id") long id) {
    Ruleset ruleset = Ruleset.require(em, id);
    return new RulesetWithRules(RulesetJson.of(ruleset, ruleCount(id)), rules(id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetJson.RulesetView.class)))
  @RequestBody(content = @Content(schema = @Schema(implementation = RulesetInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RulesetJson.RulesetView replace(@PathParam("id") long id, String body) {
    Ruleset ruleset = Ruleset.require(em, id);
    read(JsonBody.parse(body), ruleset);
    em.flush();
    return RulesetJson.of(ruleset, ruleCount(id));
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetJson.RulesetView.class)))
  @RequestBody(content = @Content(schema = @Schema(implementation = RulesetInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RulesetJson.RulesetView patch(@PathParam("id") long id, String body) {
    Ruleset ruleset = Ruleset.require(em, id);
    JsonObject current =
        Json.createObjectBuilder()
            .add("name", ruleset.name())
            .add("is_default", ruleset.isDefault())
            .add("enabled", ruleset.enabled())
            .add("priority", ruleset.priority())
            .add("description", ruleset.description() == null ? "" : ruleset.description())
            .build();
    JsonObject merged =
        Json.createMergePatch(JsonBody.parse(body).json()).apply(current).asJsonObject();
    read(JsonBody.of(merged), ruleset);
    em.flush();
    return RulesetJson.of(ruleset, ruleCount(id));
  }

  /** Deletes the ruleset with its rules and its assignments to accounts. */
  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted delete(@PathParam("id") long id) {
    Ruleset ruleset = Ruleset.require(em, id);
    em.remove(ruleset);
    LOG.info(() -> "Ruleset deleted: " + id + " '" + ruleset.name() + "'");
    return new Deleted("Ruleset '" + ruleset.name() + "' deleted.");
  }

  @GET
  @Path("{id}/rules")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = RulesetJson.RuleView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<RulesetJson.RuleView> rules(@PathParam("id") long id) {
    Ruleset.require(em, id);
    return TagRule.ofRuleset(em, id).stream().map(RulesetJson::of).toList();
  }

  @POST
  @Path("{id}/rules")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content = @Content(schema = @Schema(implementation = TagRuleRequest.TagRuleInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = RulesetJson.RuleView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response addRule(@PathParam("id") long id, String body, @Context UriInfo uri) {
    Ruleset.require(em, id);
    TagRule rule = new TagRule(id, TagRuleRequest.read(JsonBody.parse(body)));
    em.persist(rule);
    em.flush();
    return Response.created(uri.getBaseUriBuilder().path("tag-rules/{id}").build(rule.id()))
        .entity(RulesetJson.of(rule))
        .build();
  }

  /**
   * Dry run: {@code {channel_name, category_name}} → tags, cleaned name and the rules that fired,
   * using this ruleset's enabled rules. With {@code account_id}, also how many of that account's
   * active channels each rule would hit.
   */
  @POST
  @Path("{id}/test")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = DryRunInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = DryRun.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Map<String, Object> test(@PathParam("id") long id, String body) {
    Ruleset.require(em, id);
    JsonBody input = JsonBody.parse(body);
    String channelName = input.rawString("channel_name");
    String categoryName = input.rawString("category_name");
    Integer accountId = input.integer("account_id");
    if (channelName == null && accountId == null) {
      input.reject("channel_name", "is required (or give account_id)");
    }
    // Names are stored up to 512 characters; a longer one is no channel's.
    if (channelName != null && channelName.length() > 512) {
      input.reject("channel_name", "must be at most 512 characters");
    }
    if (categoryName != null && categoryName.length() > 512) {
      input.reject("category_name", "must be at most 512 characters");
    }
    input.throwIfInvalid();
    RulesetDryRun.Rules rules = dryRun.rules(id);
    Map<String, Object> result = new LinkedHashMap<>();
    if (channelName != null) {
      RulesetDryRun.Named named = rules.name(channelName, categoryName);
      result.put("tags", named.tags());
      result.put("cleaned_name", named.cleanedName());
      result.put("matched_rules", named.matchedRules().stream().map(RulesetJson::of).toList());
    }
    if (accountId != null) {
      Account.require(em, accountId);
      result.put("account_id", accountId);
      RulesetDryRun.Hits counted = dryRun.hits(rules, accountId);
      Map<String, Object> hits = new LinkedHashMap<>();
      hits.put("channels", counted.channels());
      List<Map<String, Object>> perRule = new ArrayList<>();
      counted
          .byRule()
          .forEach(
              (rule, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("rule_id", rule.id());
                row.put("name", rule.settings().name());
                row.put("hits", count);
                perRule.add(row);
              });
      hits.put("rules", perRule);
      result.put("hits", hits);
    }
    return result;
  }

  private Ruleset read(JsonBody body, Ruleset existing) {
    return RulesetRequest.read(body, existing, em);
  }

  private long ruleCount(long rulesetId) {
    return ((Number)
            em.createNativeQuery("SELECT COUNT(*) FROM tag_rules WHERE ruleset_id = ?")
                .setParameter(1, rulesetId)
                .getSingleResult())
        .longValue();
  }
}
