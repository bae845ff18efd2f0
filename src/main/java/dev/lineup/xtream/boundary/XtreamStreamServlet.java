package dev.lineup.xtream.boundary;

import dev.lineup.access.control.SignInThrottle;
import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.control.PlayerAnswers;
import dev.lineup.playlist.control.PlaylistEntry;
import dev.lineup.playlist.control.ProviderUrls;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.relay.control.Relay;
import dev.lineup.relay.control.RelaySources;
import dev.lineup.xtream.control.XtreamLogins;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an Xtream player plays a channel: {@code /live/{user}/{pass}/{stream_id}.ts} (or {@code
 * .m3u8}), GET or HEAD, and the archive, {@code
 * /timeshift/{user}/{pass}/{minutes}/{YYYY-MM-DD:HH-MM}/{stream_id}.ts} and {@code
 * /streaming/timeshift.php?username=…&password=…&stream=…&start=…&duration=…}. When the user's
 * playlist is in {@code proxy} mode, the stream plays through Lineup's {@link Relay} (the live
 * channel shared with its other viewers; an archive part on a connection of its own), the login
 * counting the channels it watches against its {@code max_connections}; in {@code redirect} mode
 * the answer is a 302 to the provider's own URL. The stream id is Lineup's channel id, and only a
 * channel of the user's playlist plays. Paths hold the password, so they are never logged.
 */
@WebServlet(
    urlPatterns = {"/live/*", "/timeshift/*", "/streaming/timeshift.php"},
    asyncSupported = true)
public class XtreamStreamServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(XtreamStreamServlet.class.getName());
  private static final Pattern LIVE =
      Pattern.compile("^/([^/]{1,64})/([^/]{1,128})/(\\d{1,18})(?:\\.(ts|m3u8))?$");
  private static final Pattern TIMESHIFT =
      Pattern.compile(
          "^/([^/]{1,64})/([^/]{1,128})/(\\d{1,5})/(\\d{4}-\\d{2}-\\d{2}:\\d{2}-\\d{2})/(\\d{1,18})(?:\\.ts)?$");
  private static final Pattern START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}:\\d{2}-\\d{2}");

  @PersistenceContext EntityManager em;
  @Inject XtreamLogins logins;
  @Inject ConfigPlaylist configs;
  @Inject Relay relay;
  @Inject RelaySources sources;

  /** What a request asks to play. */
  private record Wanted(
      String username, String password, long channelId, String extension, Archive archive) {}

  /** A part of the provider's archive: minutes from a start ({@code YYYY-MM-DD:HH-MM}). */
  private record Archive(int minutes, String start) {}

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
    try {
      Wanted wanted = wanted(request);
      XtreamUser user =
          logins.requireActive(wanted.username(), wanted.password(), request.getRemoteAddr());
      PlaylistConfig config = PlaylistConfig.require(em, user.playlistId());
      List<Account> accounts = configs.requireServable(config);
      PlaylistEntry channel =
          configs
              .channel(config.settings(), accounts, wanted.channelId())
              .orElseThrow(
                  () -> new ProblemException(404, "Not found", "No such stream in your playlist."));
      Account account =
          accounts.stream().filter(a -> a.id() == channel.accountId()).findFirst().orElseThrow();
      if (config.settings().relayed()) {
        relay(request, response, head, wanted, user, config, accounts, channel, account);
        return;
      }
      String location =
          wanted.archive() == null
              ? live(channel, wanted.extension())
              : archive(channel, account, wanted.archive());
      response.setHeader("Cache-Control", "no-store");
      response.sendRedirect(location);
    } catch (SignInThrottle.Refused refused) {
      response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
      ProblemMapper.send(response, refused);
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "A stream request could not be answered: " + e.getMessage(), e);
      ProblemMapper.send(response, PlayerAnswers.unavailable());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, request.getServletPath() + " (a stream request) failed", e);
      ProblemMapper.send(
          response, new ProblemException(500, "Internal error", "See the server log."));
    }
  }

  /** Plays the channel (or its archive) through the relay; a HEAD only says what would come. */
  private void relay(
      HttpServletRequest request,
      HttpServletResponse response,
      boolean head,
      Wanted wanted,
      XtreamUser user,
      PlaylistConfig config,
      List<Account> accounts,
      PlaylistEntry channel,
      Account account)
      throws IOException {
    Relay.Play play =
        wanted.archive() == null
            ? sources.play(config.settings(), accounts, channel, user.id(), user.maxConnections())
            : sources.archive(
                relay,
                channel,
                account,
                archive(channel, account, wanted.archive()),
                user.id(),
                user.maxConnections());
    if (head) {
      response.setContentType("video/mp2t");
      response.setHeader("Cache-Control", "no-store");
      return;
    }
    relay.play(request, response, play);
  }

  private static Wanted wanted(HttpServletRequest request) {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    switch (request.getServletPath()) {
      case "/live" -> {
        Matcher live = LIVE.matcher(path);
        if (live.matches()) {
          return new Wanted(
              live.group(1),
              live.group(2),
              Long.parseLong(live.group(3)),
              live.group(4) == null ? "ts" : live.group(4),
              null);
        }
      }
      case "/timeshift" -> {
        Matcher shift = TIMESHIFT.matcher(path);
        if (shift.matches()) {
          return new Wanted(
              shift.group(1),
              shift.group(2),
              Long.parseLong(shift.group(5)),
              "ts",
              new Archive(Integer.parseInt(shift.group(3)), shift.group(4)));
        }
      }
      default -> {
        String stream = request.getParameter("stream");
        String start = request.getParameter("start");
        String duration = request.getParameter("duration");
        if (stream != null
            && stream.matches("\\d{1,18}")
            && start != null
            && START.matcher(start).matches()
            && duration != null
            && duration.matches("\\d{1,5}")) {
          return new Wanted(
              request.getParameter("username"),
              request.getParameter("password"),
              Long.parseLong(stream),
              "ts",
              new Archive(Integer.parseInt(duration), start));
        }
      }
    }
    throw new ProblemException(
        404,
        "Not found",
        "Stream URLs look like /live/{username}/{password}/{stream_id}.ts or"
            + " /timeshift/{username}/{password}/{minutes}/{YYYY-MM-DD:HH-MM}/{stream_id}.ts");
  }

  /** The provider's stream: an Xtream account's in the format asked for, an M3U entry's as is. */
  private static String live(PlaylistEntry channel, String extension) {
    String url = channel.providerUrl();
    if (url == null || url.isBlank()) {
      throw new ProblemException(404, "Not found", "The provider gave this channel no stream URL.");
    }
    return extension.equals("m3u8") && url.endsWith(".ts")
        ? url.substring(0, url.length() - 3) + ".m3u8"
        : url;
  }

  private static String archive(PlaylistEntry channel, Account account, Archive archive) {
    if (channel.archiveDays() <= 0) {
      throw new ProblemException(
          404, "Not found", "The provider keeps no archive of this channel.");
    }
    return ProviderUrls.archiveUrl(account, archive.minutes(), archive.start(), channel.streamId())
        .orElseThrow(
            () ->
                new ProblemException(
                    404, "Not found", "The provider's playlist gives no archive URL."));
  }
}
