package dev.lineup.web.boundary;

import dev.lineup.platform.PublicUrl;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.web.control.PageRenderer;
import dev.lineup.xtream.boundary.XtreamUsersResource;
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

/**
 * The players page ({@code /players}): the Xtream Codes logins that players such as TiviMate sign
 * in with (made, changed and deleted through {@code /api/xtream-users}; a new one's password is
 * shown once), and the server address to type in. {@code /players/list} is the list fragment.
 */
@WebServlet(urlPatterns = {"/players", "/players/*"})
public class PlayersPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject PublicUrl publicUrl;
  @Inject XtreamUsersResource users;

  /**
   * A login as the list shows it; {@code toggle} is the body that turns it on or off (the login as
   * it is, with {@code enabled} flipped).
   */
  public record Row(XtreamUsersResource.XtreamUserView user, String lastUsed, String toggle) {}

  static String toggle(XtreamUsersResource.XtreamUserView user) {
    jakarta.json.JsonObjectBuilder body =
        jakarta.json.Json.createObjectBuilder()
            .add("username", user.username())
            .add("playlist_id", user.playlistId())
            .add("max_connections", user.maxConnections())
            .add("enabled", !user.enabled());
    if (user.expiresAt() == null) {
      body.addNull("expires_at");
    } else {
      body.add("expires_at", user.expiresAt());
    }
    return body.build().toString();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Row> rows =
        XtreamUser.all(em).stream()
            .map(
                user -> {
                  XtreamUsersResource.XtreamUserView view = users.view(user);
                  return new Row(view, PageRenderer.ago(user.lastUsedAt()), toggle(view));
                })
            .toList();
    request.setAttribute("users", rows);
    request.setAttribute(
        "playlists", em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList());
    request.setAttribute("server", publicUrl.base(request));
    boolean fragment = PageRenderer.path(request).equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "players/list" : "players/page", "players");
  }
}
