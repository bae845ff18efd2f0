package dev.lineup.relay.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlayerAnswers;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.relay.control.Relay;
import dev.lineup.relay.control.RelaySources;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playlist's relayed stream, {@code /s/{token}/{channel_id}.ts}: what the M3U of a playlist in
 * {@code proxy} mode lists. The channel plays through the {@link Relay} (one shared connection to
 * the provider per channel, its login never shown); a HEAD answers the headers without opening the
 * provider. Unknown tokens and channels, disabled and unsynced playlists get the same answers as
 * the playlist's own URLs. The token is a secret: it is never logged.
 */
@WebServlet(urlPatterns = "/s/*", asyncSupported = true)
public class RelayServlet extends HttpServlet {
  private static final Pattern PATH =
      Pattern.compile("^/([A-Za-z0-9_-]{20,64})/(\\d{1,18})(?:\\.(?:ts|m3u8))?$");

  @PersistenceContext EntityManager em;
  @Inject ConfigPlaylist configs;
  @Inject RelaySources sources;
  @Inject Relay relay;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(request, response, false);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(request, response, true);
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, boolean head)
      throws IOException {
    PlayerAnswers.inert(response);
    PlayerAnswers.guarded(
        response,
        "/s/{token}/… (a relayed stream)",
        () -> {
          Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
          if (!path.matches()) {
            throw new ProblemException(
                404, "Not found", "Relayed stream URLs look like /s/{token}/{channel_id}.ts");
          }
          PlaylistConfig config =
              PlaylistConfig.byToken(em, path.group(1))
                  .orElseThrow(() -> new ProblemException(404, "Not found", "No such playlist."));
          List<Account> accounts = configs.requireServable(config);
          PlaylistEntry channel =
              configs
                  .channel(config.settings(), accounts, Long.parseLong(path.group(2)))
                  .orElseThrow(
                      () ->
                          new ProblemException(
                              404, "Not found", "No such channel in this playlist."));
          if (head) {
            response.setContentType("video/mp2t");
            response.setHeader("Cache-Control", "no-store");
            return;
          }
          relay.play(
              request, response, sources.play(config.settings(), accounts, channel, null, 0));
        });
  }
}
