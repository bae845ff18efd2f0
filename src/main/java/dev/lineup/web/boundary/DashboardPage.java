package dev.lineup.web.boundary;

import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.web.control.AccountCards;
import dev.lineup.web.control.Views;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dashboard ({@code /}): accounts and their totals, the playlists, when syncs run, and the
 * accounts whose last sync needs attention.
 */
@WebServlet(urlPatterns = {""})
public class DashboardPage extends HttpServlet {
  @Inject AccountCards cards;
  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "SYNC_INTERVAL_HOURS", defaultValue = "6")
  int syncIntervalHours;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Map<String, Object>> accounts = cards.all();
    long channels = 0;
    long passing = 0;
    for (Map<String, Object> card : accounts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> status = (Map<String, Object>) card.get("status");
      channels += ((Number) status.get("channel_count")).longValue();
      passing += ((Number) status.get("passing_channels")).longValue();
    }
    request.setAttribute("accounts", accounts);
    request.setAttribute("channels", channels);
    request.setAttribute("passing", passing);
    request.setAttribute(
        "attention",
        accounts.stream()
            .filter(
                a ->
                    Boolean.TRUE.equals(a.get("failed"))
                        || Boolean.TRUE.equals(a.get("needsConfirmation")))
            .toList());
    request.setAttribute(
        "playlists",
        em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList().size());
    request.setAttribute("syncIntervalHours", syncIntervalHours);
    Views.render(request, response, "dashboard", "dashboard");
  }
}
