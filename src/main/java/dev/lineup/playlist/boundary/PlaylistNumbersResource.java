package dev.lineup.playlist.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PinnedNumbers;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.playlist.entity.PlaylistConfig.Numbering;
import dev.lineup.playlist.entity.PlaylistConfig.PlaylistSettings;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code PUT /api/playlist-configs/{id}/numbers/{channel_id}}: a person sets a channel's pinned
 * number in a playlist whose numbering is {@code pinned}. Two channels never share a number.
 */
@Path("playlist-configs/{id}/numbers/{channel}")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class PlaylistNumbersResource {
  private static final Logger LOG = Logger.getLogger(PlaylistNumbersResource.class.getName());

  /** The highest number a channel may have. */
  static final int MAX_NUMBER = 9_999_999;

  @PersistenceContext EntityManager em;
  @Inject ConfigPlaylist playlists;
  @Inject Event<ChannelsChanged> changed;

  /** A number to set. */
  public record NumberInput(
      @Schema(description = "1 to 9999999, free in this playlist") Integer number) {}

  /** A channel's number in a playlist. */
  public record PinnedNumber(
      long playlistId, long channelId, String title, int number, boolean byPerson) {}

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = NumberInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = PinnedNumber.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public PinnedNumber set(
      @PathParam("id") long id, @PathParam("channel") long channel, String body) {
    PlaylistConfig config = PlaylistConfig.require(em, id);
    JsonBody json = JsonBody.parse(body);
    Integer number = json.integer("number");
    if (number == null) {
      json.reject("number", "is required: 1 to " + MAX_NUMBER);
    } else if (number < 1 || number > MAX_NUMBER) {
      json.reject("number", "must be 1 to " + MAX_NUMBER);
    }
    json.throwIfInvalid();
    PlaylistSettings settings = config.settings();
    if (settings.numbering() != Numbering.PINNED) {
      throw ProblemException.conflict(
              "Playlist "
                  + id
                  + " numbers its channels '"
                  + settings.numbering().name().toLowerCase(java.util.Locale.ROOT)
                  + "'; set its numbering to 'pinned' to pin numbers.")
          .with("field", "numbering");
    }
    if (em.createNativeQuery("SELECT id FROM channels WHERE id = ?")
        .setParameter(1, channel)
        .getResultList()
        .isEmpty()) {
      throw ProblemException.notFound("Channel", channel);
    }
    List<Account> accounts = playlists.accounts(settings);
    PlaylistEntry entry;
    try {
      entry =
          playlists
              .channel(settings, accounts, channel)
              .orElseThrow(
                  () ->
                      ProblemException.invalid(
                          List.of(
                              new dev.lineup.platform.FieldError(
                                  "channel_id",
                                  "channel " + channel + " is not in playlist " + id))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<?> holder =
        em.createNativeQuery(
                "SELECT channel_id FROM playlist_numbers WHERE playlist_id = ? AND number = ?"
                    + " AND channel_id <> ?")
            .setParameter(1, id)
            .setParameter(2, number)
            .setParameter(3, channel)
            .getResultList();
    if (!holder.isEmpty()) {
      throw ProblemException.conflict(
              "Number " + number + " is channel " + holder.get(0) + "'s in playlist " + id + ".")
          .with("field", "number");
    }
    // By primary key: a number another channel took meanwhile is a duplicate key, answered 409
    PinnedNumbers.pinByPerson(em, id, channel, number);
    LOG.info(
        () -> "Playlist " + id + ": channel " + channel + " pinned at " + number + " by a person");
    changed.fire(new ChannelsChanged(entry.accountId()));
    return new PinnedNumber(id, channel, entry.title(), number, true);
  }
}
