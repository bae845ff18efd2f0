package dev.lineup.provider.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.account.entity.ServerUrl;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ProblemException;
import dev.lineup.provider.control.M3uPlaylistReader;
import dev.lineup.provider.control.ProviderException;
import dev.lineup.provider.control.Subscriptions;
import dev.lineup.provider.control.XtreamClient;
import dev.lineup.provider.control.XtreamLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/accounts/{id}/test}: logs in to the provider and reports the subscription, or a
 * 502/504 problem saying why it could not. Holds no transaction while it waits for the provider.
 */
@Path("accounts/{id}/test")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountConnectionResource {
  private static final Logger LOG = Logger.getLogger(AccountConnectionResource.class.getName());

  @PersistenceContext EntityManager em;
  @Inject XtreamClient xtream;
  @Inject M3uPlaylistReader playlists;
  @Inject Subscriptions subscriptions;

  /** What an M3U account's test found in the playlist. */
  public record PlaylistCheck(boolean success, Playlist playlist) {}

  /** {@code tvg_url}: the guide URL the playlist names, credentials masked. */
  public record Playlist(long channels, long groups, String tvgUrl) {}

  @POST
  @APIResponse(
      responseCode = "200",
      description = "The provider's login (Xtream) or what the playlist holds (M3U)",
      content = @Content(schema = @Schema(oneOf = {XtreamLogin.class, PlaylistCheck.class})))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "502", ref = ApiDocument.PROVIDER_FAILED)
  @APIResponse(responseCode = "504", ref = ApiDocument.PROVIDER_TIMEOUT)
  public Object test(@PathParam("id") long id) {
    Account account = Account.require(em, id);
    try {
      if (account.providerType() == ProviderType.M3U) {
        return testPlaylist(account);
      }
      XtreamLogin login = xtream.login(account.serverUrl(), account.username(), account.password());
      LOG.info(() -> "Connection test of " + account + ": ok, status " + login.userInfo().status());
      subscriptions.record(account, login);
      return login;
    } catch (ProblemException e) {
      if (e instanceof ProviderException refused
          && refused.kind() == ProviderException.Kind.AUTH_REJECTED) {
        subscriptions.refused(account);
      }
      LOG.info(() -> "Connection test of " + account + " failed: " + e.detail());
      throw e;
    }
  }

  /** Reads the whole playlist (streamed) and reports what it holds. */
  private PlaylistCheck testPlaylist(Account account) {
    AtomicLong channels = new AtomicLong();
    AtomicLong groups = new AtomicLong();
    M3uPlaylistReader.Header header =
        playlists.read(
            account.serverUrl(),
            group -> groups.incrementAndGet(),
            channel -> channels.incrementAndGet());
    LOG.info(() -> "Connection test of " + account + ": ok, " + channels + " channels");
    return new PlaylistCheck(
        true,
        new Playlist(
            channels.get(),
            groups.get(),
            ServerUrl.mask(header.tvgUrl()))); // it may carry credentials
  }
}
