package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.sync.control.SyncConfig;
import dev.lineup.sync.control.SyncDue;
import dev.lineup.web.control.AccountCard;
import dev.lineup.web.control.AccountCards;
import dev.lineup.web.control.Attention;
import dev.lineup.web.control.PageRenderer;
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
import java.util.Optional;

/**
 * The dashboard ({@code /}): what needs attention ({@link Attention}), the accounts with their
 * subscriptions and history charts, the totals, and when syncs run.
 */
@WebServlet(urlPatterns = {""})
public class DashboardPage extends HttpServlet {
  @Inject AccountCards cards;
  @Inject Attention attention;
  @PersistenceContext EntityManager em;

  @Inject SyncConfig syncConfig;
  @Inject SyncDue syncDue;

  /**
   * The next automatic sync, as the scheduler will run it ({@link SyncDue}): the account due first,
   * "due now" when one is due (or never synced); null when none syncs by itself.
   */
  private String nextSync(List<Account> accounts) {
    LocalDateTime soonest = null;
    String who = null;
    for (Account account : accounts) {
      Optional<LocalDateTime> next = syncDue.next(account);
      if (next.isPresent() && (soonest == null || next.get().isBefore(soonest))) {
        soonest = next.get();
        who = account.name();
      }
    }
    return soonest == null ? null : who + ", " + when(soonest, LocalDateTime.now(ZoneOffset.UTC));
  }

  /** "due now", "in 12 min", "in 3 h". */
  static String when(LocalDateTime next, LocalDateTime now) {
    Duration wait = Duration.between(now, next);
    return wait.toMinutes() < 1
        ? "due now"
        : wait.toHours() < 1 ? "in " + wait.toMinutes() + " min" : "in " + wait.toHours() + " h";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Account> all = em.createNamedQuery(Account.ALL, Account.class).getResultList();
    List<AccountCard> accounts = cards.of(all);
    request.setAttribute("accounts", accounts);
    request.setAttribute(
        "channels", accounts.stream().mapToLong(a -> a.status().channelCount()).sum());
    request.setAttribute(
        "passing", accounts.stream().mapToLong(a -> a.status().passingChannels()).sum());
    request.setAttribute("attention", attention.of(accounts));
    request.setAttribute(
        "playlists",
        em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList().size());
    request.setAttribute(
        "syncInterval",
        syncConfig.interval().isZero() ? null : SyncConfig.describe(syncConfig.interval()));
    request.setAttribute("nextSync", nextSync(all));
    PageRenderer.render(request, response, "dashboard", "dashboard");
  }
}
