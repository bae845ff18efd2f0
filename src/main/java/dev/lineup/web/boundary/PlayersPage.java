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

  /** A login as the list shows it. */
  public record Row(XtreamUsersResource.XtreamUserView user, String lastUsed) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Row> rows =
        XtreamUser.all(em).stream()
            .map(u -> new Row(users.view(u), PageRenderer.ago(u.lastUsedAt())))
            .toList();
    request.setAttribute("users", rows);
    request.setAttribute(
        "playlists", em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList());
    request.setAttribute("server", XtreamUsersResource.server(publicUrl.address(request)));
    boolean fragment = PageRenderer.path(request).equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "players/list" : "players/page", "players");
  }
}
