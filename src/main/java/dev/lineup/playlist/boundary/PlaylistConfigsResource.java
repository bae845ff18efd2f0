package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.control.ChannelPreview;
import dev.lineup.channel.control.ChannelSelection;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.channel.control.PreviewView;
import dev.lineup.channel.control.SearchIndex;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.PublicUrl;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlaylistDeleting;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/playlist-configs}: saved playlists (CRUD), their preview (the preview's shape, from
 * the database only) and their secret token ({@code POST /{id}/rotate-token} makes the old player
 * URLs stop working).
 */
@Path("playlist-configs")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class PlaylistConfigsResource {
  private static final Logger LOG = Logger.getLogger(PlaylistConfigsResource.class.getName());

  @PersistenceContext EntityManager em;
  @Inject PublicUrl publicUrl;
  @Inject ConfigPlaylist playlists;
  @Inject ChannelPreview preview;
  @Inject SearchIndex searchIndex;
  @Inject Event<PlaylistDeleting> deleting;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = PlaylistConfigRequest.PlaylistConfigView.class)))
  public List<Map<String, Object>> list() {
    return em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList().stream()
        .map(c -> PlaylistConfigRequest.view(c, publicUrl.prefix()))
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigView.class)))
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context UriInfo uri) {
    PlaylistSettings settings = PlaylistConfigRequest.read(JsonBody.parse(body), em);
    PlaylistConfig.requireUniqueName(em, settings.name(), -1);
    PlaylistConfig config = new PlaylistConfig();
    config.apply(settings);
    em.persist(config);
    em.flush();
    LOG.info(() -> "Playlist created: " + config.id() + " '" + settings.name() + "'");
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(config.id())).build())
        .entity(PlaylistConfigRequest.view(config, publicUrl.prefix()))
        .build();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> get(@PathParam("id") long id) {
    return PlaylistConfigRequest.view(PlaylistConfig.require(em, id), publicUrl.prefix());
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Map<String, Object> replace(@PathParam("id") long id, String body) {
    PlaylistConfig config = PlaylistConfig.require(em, id);
    PlaylistSettings settings = PlaylistConfigRequest.read(JsonBody.parse(body), em);
    PlaylistConfig.requireUniqueName(em, settings.name(), id);
    config.apply(settings);
    em.flush();
    return PlaylistConfigRequest.view(config, publicUrl.prefix());
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  public Deleted delete(@PathParam("id") long id) {
    PlaylistConfig config = PlaylistConfig.require(em, id);
    deleting.fire(new PlaylistDeleting(id, config.name())); // an observer may refuse it (409)
    em.remove(config);
    LOG.info(() -> "Playlist deleted: " + id);
    return new Deleted("Playlist '" + config.name() + "' deleted.");
  }

  @POST
  @Path("{id}/rotate-token")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(implementation = PlaylistConfigRequest.PlaylistConfigView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> rotateToken(@PathParam("id") long id) {
    PlaylistConfig config = PlaylistConfig.require(em, id);
    config.rotateToken();
    em.flush();
    LOG.info(() -> "Playlist " + id + ": token rotated; its old player URLs no longer work");
    return PlaylistConfigRequest.view(config, publicUrl.prefix());
  }

  @GET
  @Path("{id}/preview")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = PreviewView.PlaylistPreviewPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Map<String, Object> preview(
      @PathParam("id") long id,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("after") String after,
      @QueryParam("search") String search) {
    PlaylistConfig config = PlaylistConfig.require(em, id);
    PlaylistSettings settings = config.settings();
    // A playlist that merges duplicates previews one row per merged channel, as players get it
    PreviewRequest request =
        PreviewRequest.parse(
            limit,
            offset,
            after,
            null,
            null,
            search,
            null,
            null,
            String.valueOf(settings.mergeDuplicates()));
    List<Account> accounts = playlists.accounts(settings);
    Optional<ChannelSelection> selection =
        playlists.selection(settings, accounts, request.search());
    Set<Long> synced = preview.synced(accounts.stream().map(Account::id).toList());
    Map<String, Object> body =
        PreviewView.of(
            selection.isEmpty()
                ? ChannelPreview.Page.empty()
                : preview.page(selection.get(), request),
            request,
            true,
            synced.stream().anyMatch(searchIndex::pending),
            true);
    body.put("unsynced_accounts", PreviewView.unsynced(accounts, synced));
    return body;
  }
}
