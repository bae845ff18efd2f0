package dev.lineup.web.boundary;

import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.sync.control.SyncConfig;
import dev.lineup.web.control.AccountCard;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

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
  private String nextSync(List<AccountCard> accounts) {
    LocalDateTime soonest = null;
    String who = null;
    for (AccountCard card : accounts) {
      Duration interval = syncConfig.intervalOf(card.syncIntervalHours());
      if (!card.enabled() || interval.isZero()) {
        continue;
      }
      LocalDateTime finished = card.lastRun() == null ? null : card.lastRun().finishedAt();
      LocalDateTime next =
          finished == null ? LocalDateTime.now(ZoneOffset.UTC) : finished.plus(interval);
      if (soonest == null || next.isBefore(soonest)) {
        soonest = next;
        who = card.name();
      }
    }
    if (soonest == null) {
      return null;
    }
    Duration wait = Duration.between(LocalDateTime.now(ZoneOffset.UTC), soonest);
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
    List<AccountCard> accounts = cards.all();
    request.setAttribute("accounts", accounts);
    request.setAttribute(
        "channels", accounts.stream().mapToLong(a -> a.status().channelCount()).sum());
    request.setAttribute(
        "passing", accounts.stream().mapToLong(a -> a.status().passingChannels()).sum());
    request.setAttribute(
        "attention", accounts.stream().filter(AccountCard::needsAttention).toList());
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
