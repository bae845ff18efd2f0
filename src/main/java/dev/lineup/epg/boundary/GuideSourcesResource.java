package dev.lineup.epg.boundary;

import dev.lineup.account.entity.ServerUrl;
import dev.lineup.epg.boundary.AccountEpgResource.GuideRefreshed;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.GuideSourceChanged;
import dev.lineup.epg.control.GuideSourceDeleted;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.Sql;
import dev.lineup.platform.Timestamped;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/guide-sources}: XMLTV guides that are not an account's (CRUD). A source's guide is
 * fetched when it is created or its URL changes, when it is due ({@code refresh_hours}), and with
 * {@code POST /{id}/refresh}; every account's channels are matched against it.
 */
@Path("guide-sources")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class GuideSourcesResource {
  private static final Logger LOG = Logger.getLogger(GuideSourcesResource.class.getName());

  @PersistenceContext EntityManager em;
  @Resource SessionContext context;
  @Inject GuideRefresh refresh;
  @Inject Event<GuideSourceDeleted> deleting;
  @Inject Event<GuideSourceChanged> changed;

  /** A source as the API shows it: its URL masked, its stored guide's counts when it has one. */
  @Schema(
      requiredProperties = {
        "id",
        "name",
        "url",
        "priority",
        "refresh_hours",
        "enabled",
        "guide",
        "available",
        "refreshing",
        "created_at"
      })
  public record GuideSourceView(
      long id,
      String name,
      @Schema(description = "credentials masked as ***; send it back unchanged to keep the URL")
          String url,
      @Schema(description = "lower first: breaks ties between equally good matches") int priority,
      int refreshHours,
      boolean enabled,
      @Schema(description = "how matches name this guide: source:{id}") String guide,
      boolean available,
      boolean refreshing,
      @JsonbNillable(false) Integer channels,
      @JsonbNillable(false) Integer programmes,
      @JsonbNillable(false) String updatedAt,
      @JsonbNillable(false) String lastError,
      @JsonbNillable(false) String lastErrorAt,
      String createdAt) {}

  /** A source to create or replace. */
  public record GuideSourceInput(
      @Schema(description = "1 to 100 characters, unique") String name,
      @Schema(description = "an http(s) XMLTV URL (.xml or .xml.gz)") String url,
      @Schema(description = "0 to 1000, default 100; lower first") Integer priority,
      @Schema(description = "1 to 720, default 24") Integer refreshHours,
      @Schema(description = "default true") Boolean enabled) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = GuideSourceView.class)))
  public List<GuideSourceView> all() {
    return GuideSource.all(em).stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideSourceView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public GuideSourceView get(@PathParam("id") long id) {
    return view(GuideSource.require(em, id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = GuideSourceInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created; its guide is being fetched",
      content = @Content(schema = @Schema(implementation = GuideSourceView.class)))
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body) {
    Input input = read(JsonBody.parse(body), null);
    GuideSource.requireUniqueName(em, input.name(), -1);
    GuideSource source =
        new GuideSource(
            input.name(), input.url(), input.priority(), input.refreshHours(), input.enabled());
    em.persist(source);
    em.flush();
    LOG.info(() -> "Guide source created: " + source);
    changed.fire(
        new GuideSourceChanged(source.id(), source.enabled(), false)); // matched once fetched
    return Response.status(201).entity(view(source)).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = GuideSourceInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = GuideSourceView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public GuideSourceView replace(@PathParam("id") long id, String body) {
    GuideSource source = GuideSource.require(em, id);
    Input input = read(JsonBody.parse(body), source);
    GuideSource.requireUniqueName(em, input.name(), id);
    boolean refetch = !input.url().equals(source.url()) || (input.enabled() && !source.enabled());
    boolean rematch = input.enabled() != source.enabled() || input.priority() != source.priority();
    source.apply(
        input.name(), input.url(), input.priority(), input.refreshHours(), input.enabled());
    em.flush();
    LOG.info(() -> "Guide source updated: " + source);
    changed.fire(new GuideSourceChanged(id, refetch && source.enabled(), rematch));
    return view(source);
  }

  @POST
  @Path("{id}/refresh")
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // a download may take minutes
  @APIResponse(
      responseCode = "200",
      description = "Fetched and stored now",
      content = @Content(schema = @Schema(implementation = GuideRefreshed.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "502", ref = ApiDocument.PROVIDER_FAILED)
  @APIResponse(responseCode = "504", ref = ApiDocument.PROVIDER_TIMEOUT)
  public GuideRefreshed refreshNow(@PathParam("id") long id) {
    XmltvStore.Stats stats = refresh.refresh(GuideSource.require(em, id));
    return new GuideRefreshed(true, stats.channels(), stats.programmes(), stats.bytes());
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Deleted delete(@PathParam("id") long id) {
    // Forgetting the source's matches updates channels of every account: a matching run or an
    // account's deletion at the same moment can make it a deadlock's victim; it is tried again
    GuideSourcesResource self = context.getBusinessObject(GuideSourcesResource.class);
    for (int attempt = 1; ; attempt++) {
      try {
        return self.deleteOnce(id);
      } catch (RuntimeException e) {
        if (attempt >= DELETE_ATTEMPTS || !deadlock(e)) {
          throw e;
        }
        LOG.info("Deleting guide source " + id + " met a deadlock; trying again");
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static final int DELETE_ATTEMPTS = 5;

  private static boolean deadlock(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && Sql.deadlock(sql)) {
        return true;
      }
    }
    return false;
  }

  /** One try of {@link #delete}, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Deleted deleteOnce(long id) {
    GuideSource source = GuideSource.require(em, id);
    deleting.fire(new GuideSourceDeleted(id, source.guide(), source.key()));
    em.remove(source);
    LOG.info(() -> "Guide source deleted: " + source);
    return new Deleted(
        "Guide source '"
            + source.name()
            + "' deleted with its stored guide; channels matched to it look for another.");
  }

  private GuideSourceView view(GuideSource source) {
    XmltvStore guides = refresh.guides();
    String key = source.key();
    XmltvStore.Stats stats = guides.stats(key);
    XmltvStore.Failure failure = guides.failure(key);
    return new GuideSourceView(
        source.id(),
        source.name(),
        source.maskedUrl(),
        source.priority(),
        source.refreshHours(),
        source.enabled(),
        source.guide(),
        stats != null,
        refresh.refreshing(source.guide()),
        stats == null ? null : stats.channels(),
        stats == null ? null : stats.programmes(),
        stats == null ? null : guides.storedAt(key).toString(),
        failure == null ? null : failure.message(),
        failure == null ? null : failure.at().toString(),
        Timestamped.iso(source.createdAt()));
  }

  /** A guide source as a request gives it, checked. */
  public record Input(String name, String url, int priority, int refreshHours, boolean enabled) {}

  /** Reads and checks a source; a URL sent back masked, as shown, keeps {@code stored}'s. */
  public static Input read(JsonBody json, GuideSource stored) {
    String name = json.string("name");
    if (name == null || name.isBlank()) {
      json.reject("name", "is required");
    } else if (name.strip().length() > 100) {
      json.reject("name", "must be at most 100 characters");
    }
    String url = json.string("url");
    if (stored != null && url != null && url.strip().equals(stored.maskedUrl())) {
      url = stored.url();
    } else if (url == null || url.isBlank()) {
      json.reject("url", "is required: an http(s) XMLTV URL");
    } else {
      try {
        url = ServerUrl.playlist(url).value();
      } catch (ServerUrl.InvalidServerUrl e) {
        json.reject("url", e.getMessage().replace("playlist URL", "guide (XMLTV) URL"));
      }
    }
    Integer priority = json.integer("priority");
    if (priority != null && (priority < 0 || priority > 1000)) {
      json.reject("priority", "must be 0 to 1000 (lower first)");
    }
    Integer hours = json.integer("refresh_hours");
    if (hours != null && (hours < 1 || hours > 720)) {
      json.reject("refresh_hours", "must be 1 to 720");
    }
    Boolean enabled = json.bool("enabled");
    json.throwIfInvalid();
    return new Input(
        name.strip(),
        url,
        priority == null ? 100 : priority,
        hours == null ? 24 : hours,
        enabled == null || enabled);
  }
}
