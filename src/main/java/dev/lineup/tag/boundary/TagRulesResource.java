package dev.lineup.tag.boundary;

import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.QueryParams;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import jakarta.ejb.Stateless;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/tag-rules}: rules by id; creating one needs an existing {@code ruleset_id}. */
@Path("tag-rules")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class TagRulesResource {
  @PersistenceContext EntityManager em;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = RulesetJson.RuleView.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public List<RulesetJson.RuleView> list(@QueryParam("ruleset_id") String rulesetId) {
    if (rulesetId == null || rulesetId.isBlank()) {
      return em.createNamedQuery(TagRule.ALL, TagRule.class).getResultList().stream()
          .map(RulesetJson::of)
          .toList();
    }
    long id = QueryParams.integer("ruleset_id", rulesetId, 0, 1, Integer.MAX_VALUE);
    Ruleset.require(em, id);
    return TagRule.ofRuleset(em, id).stream().map(RulesetJson::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content = @Content(schema = @Schema(implementation = TagRuleRequest.TagRuleInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = RulesetJson.RuleView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context UriInfo uri) {
    JsonBody json = JsonBody.parse(body);
    Integer rulesetId = json.integer("ruleset_id");
    if (rulesetId == null) {
      json.reject("ruleset_id", "is required");
    }
    json.throwIfInvalid();
    Ruleset.require(em, rulesetId);
    TagRule rule = new TagRule(rulesetId, TagRuleRequest.read(json));
    em.persist(rule);
    em.flush();
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(rule.id())).build())
        .entity(RulesetJson.of(rule))
        .build();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetJson.RuleView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public RulesetJson.RuleView get(@PathParam("id") long id) {
    return RulesetJson.of(TagRule.require(em, id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetJson.RuleView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = TagRuleRequest.TagRuleInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RulesetJson.RuleView replace(@PathParam("id") long id, String body) {
    TagRule rule = TagRule.require(em, id);
    rule.apply(TagRuleRequest.read(JsonBody.parse(body)));
    em.flush();
    return RulesetJson.of(rule);
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = RulesetJson.RuleView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = TagRuleRequest.TagRuleInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RulesetJson.RuleView patch(@PathParam("id") long id, String body) {
    TagRule rule = TagRule.require(em, id);
    JsonObject merged =
        Json.createMergePatch(JsonBody.parse(body).json())
            .apply(TagRuleRequest.asJson(rule.settings()))
            .asJsonObject();
    rule.apply(TagRuleRequest.read(JsonBody.of(merged)));
    em.flush();
    return RulesetJson.of(rule);
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted delete(@PathParam("id") long id) {
    em.remove(TagRule.require(em, id));
    return new Deleted("Rule " + id + " deleted.");
  }
}
