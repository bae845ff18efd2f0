package dev.lineup.web.boundary;

import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.sync.control.SyncConfig;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The dashboard ({@code /}): accounts and their totals, the playlists, when syncs run, and the
 * accounts whose last sync needs attention.
 */
@WebServlet(urlPatterns = {""})
public class DashboardPage extends HttpServlet {
  @Inject AccountCards cards;
  @PersistenceContext EntityManager em;

  @Inject SyncConfig syncConfig;

  /**
   * The next automatic sync: the enabled account whose interval (its own, else the global one) ends
   * first after its last run; "due now" when one never ran. Null when none syncs by itself.
   */
  private String nextSync(List<Map<String, Object>> accounts) {
    OffsetDateTime soonest = null;
    String who = null;
    for (Map<String, Object> card : accounts) {
      Integer own = (Integer) card.get("syncIntervalHours");
      Duration interval = syncConfig.intervalOf(own);
      if (!Boolean.TRUE.equals(card.get("enabled")) || interval.isZero()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> lastRun = (Map<String, Object>) card.get("lastRun");
      Object finished = lastRun == null ? null : lastRun.get("finished_at");
      OffsetDateTime next =
          finished == null
              ? OffsetDateTime.now(ZoneOffset.UTC)
              : OffsetDateTime.parse((String) finished).plus(interval);
      if (soonest == null || next.isBefore(soonest)) {
        soonest = next;
        who = (String) card.get("name");
      }
    }
    if (soonest == null) {
      return null;
    }
    Duration wait = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), soonest);
    String when =
        wait.toMinutes() < 1
            ? "due now"
            : wait.toHours() < 1
                ? "in " + wait.toMinutes() + " min"
                : "in " + wait.toHours() + " h";
    return who + ", " + when;
  }

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
    request.setAttribute(
        "syncInterval",
        syncConfig.interval().isZero() ? null : SyncConfig.describe(syncConfig.interval()));
    request.setAttribute("nextSync", nextSync(accounts));
    Views.render(request, response, "dashboard", "dashboard");
  }
}
