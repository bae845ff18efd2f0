package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.PublicUrl;
import dev.lineup.platform.Settings;
import dev.lineup.playlist.boundary.PlaylistConfigRequest;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The playlists page ({@code /playlists}): each config with its channel count now and its copyable
 * player URLs, token rotation and deletion; the form to add one (posted as JSON to {@code
 * /api/playlist-configs}). {@code /playlists/list} is the list fragment.
 */
@WebServlet(urlPatterns = {"/playlists", "/playlists/*"})
public class PlaylistsPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject PublicUrl publicUrl;
  @Inject ConfigPlaylist playlists;
  @Inject Settings settings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = PageRenderer.path(request);
    request.setAttribute("playlists", list());
    request.setAttribute("legacyUrls", settings.legacyPlayerUrls());
    request.setAttribute(
        "accounts", em.createNamedQuery(Account.ALL, Account.class).getResultList());
    boolean fragment = path.equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(
        request, response, fragment ? "playlists/list" : "playlists/page", "playlists");
  }

  private List<Map<String, Object>> list() {
    return em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList().stream()
        .map(
            config -> {
              Map<String, Object> item =
                  new LinkedHashMap<>(PlaylistConfigRequest.view(config, publicUrl.prefix()));
              item.put("includeTags", String.join(", ", config.settings().includeTags()));
              item.put("excludeTags", String.join(", ", config.settings().excludeTags()));
              item.put("channels", playlists.count(config.settings()));
              return item;
            })
        .toList();
  }
}
