package dev.lineup.identity.boundary;

import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.identity.control.GuideCatalogue;
import dev.lineup.identity.control.GuideForgotten;
import dev.lineup.identity.control.GuideMatches;
import dev.lineup.identity.control.GuideMatches.GuideMatchView;
import dev.lineup.identity.entity.ChannelGuide;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/channels/{id}/guide}: a person sets, confirms or clears a channel's guide ({@code
 * PUT}); no matching run changes that decision, through syncs and renames. {@code DELETE} hands the
 * channel back to the matcher.
 */
@Path("channels/{id}/guide")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class ChannelGuideResource {
  private static final Logger LOG = Logger.getLogger(ChannelGuideResource.class.getName());

  @PersistenceContext EntityManager em;
  @Inject GuideCatalogue catalogue;
  @Inject GuideMatches matches;
  @Inject Event<GuideForgotten> forgotten;
  @Inject Event<ChannelsChanged> changed;

  /** A person's decision. */
  public record GuideDecision(
      @Schema(
              description =
                  "the guide channel's id, compared exactly; null: the channel has no guide")
          String guideChannelId,
      @Schema(
              description =
                  "the guide holding it (account:{id} or source:{id}); left out: the channel's own"
                      + " account's guide, then the sources by priority, then other accounts'")
          String guide,
      @Schema(description = "true: accept the proposal as it stands (nothing else sent)")
          Boolean confirm) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideMatchView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public GuideMatchView get(@PathParam("id") long id) {
    return matches.one(id).orElseThrow(() -> ProblemException.notFound("Channel", id));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = GuideDecision.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideMatchView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public GuideMatchView decide(@PathParam("id") long id, String body) {
    GuideMatchView channel =
        matches.one(id).orElseThrow(() -> ProblemException.notFound("Channel", id));
    JsonBody json = JsonBody.parse(body);
    Boolean confirm = json.bool("confirm");
    if (confirm != null && confirm) {
      json.throwIfInvalid();
      if (!ChannelGuide.confirm(em, id)) {
        throw ProblemException.conflict(
                "Channel " + id + " has no proposed guide to confirm; send guide_channel_id.")
            .with("field", "confirm");
      }
    } else if (!json.json().containsKey("guide_channel_id")) {
      json.reject(
          "guide_channel_id",
          "is required: a guide channel's id, or null for no guide (or send confirm: true)");
      json.throwIfInvalid();
    } else if (json.json().get("guide_channel_id").getValueType() == JsonValue.ValueType.NULL) {
      json.throwIfInvalid();
      if (!ChannelGuide.clear(em, id)) {
        throw ProblemException.notFound("Channel", id);
      }
    } else {
      String guideChannelId = json.rawString("guide_channel_id");
      String guide = json.string("guide");
      json.throwIfInvalid();
      ChannelGuide.set(
          em, id, locate(json, channel.accountId(), guide, guideChannelId), guideChannelId);
    }
    GuideMatchView decided =
        matches.one(id).orElseThrow(() -> ProblemException.notFound("Channel", id));
    LOG.info(
        () ->
            "Guide of channel "
                + id
                + " "
                + decided.status()
                + " by a person"
                + (decided.guideChannelId() == null
                    ? ""
                    : ": " + decided.guide() + " '" + decided.guideChannelId() + "'"));
    changed.fire(new ChannelsChanged(channel.accountId()));
    return decided;
  }

  @DELETE
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted forget(@PathParam("id") long id) {
    GuideMatchView channel =
        matches.one(id).orElseThrow(() -> ProblemException.notFound("Channel", id));
    ChannelGuide.forget(em, id);
    changed.fire(new ChannelsChanged(channel.accountId()));
    forgotten.fire(new GuideForgotten(id, channel.accountId()));
    return new Deleted("Channel " + id + " is the matcher's again; it looks for its guide now.");
  }

  /**
   * The guide holding {@code guideChannelId}: the one named, else the channel's own account's, the
   * sources by priority, then the other accounts' (a person may map into another provider's guide).
   *
   * @throws ProblemException 422 naming the field when there is no such guide or channel
   */
  private String locate(JsonBody json, long accountId, String guide, String guideChannelId) {
    GuideCatalogue.Snapshot guides = catalogue.snapshot();
    if (guideChannelId == null || guideChannelId.isEmpty() || guideChannelId.length() > 255) {
      json.reject("guide_channel_id", "must be 1 to 255 characters, or null for no guide");
      json.throwIfInvalid();
    }
    if (guide != null) {
      if (!guides.guides().containsKey(guide)) {
        json.reject(
            "guide",
            "no stored guide is '"
                + guide
                + "' (account:{id} or source:{id} of a guide that has been fetched)");
      } else if (guides.channel(guide, guideChannelId).isEmpty()) {
        json.reject(
            "guide_channel_id", "guide '" + guide + "' has no channel '" + guideChannelId + "'");
      }
      json.throwIfInvalid();
      return guide;
    }
    String own = GuideRefresh.guide(accountId);
    Optional<String> found =
        guides.channel(own, guideChannelId).isPresent()
            ? Optional.of(own)
            : ordered(guides).stream()
                .filter(g -> guides.channel(g, guideChannelId).isPresent())
                .findFirst();
    if (found.isEmpty()) {
      json.reject("guide_channel_id", "no stored guide has a channel '" + guideChannelId + "'");
      json.throwIfInvalid();
    }
    return found.get();
  }

  /** The guide sources by priority, then the other accounts' guides. */
  private static List<String> ordered(GuideCatalogue.Snapshot guides) {
    return guides.guides().values().stream()
        .sorted(java.util.Comparator.comparingInt(GuideCatalogue.Guide::priority))
        .map(GuideCatalogue.Guide::guide)
        .toList();
  }
}
