package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.sync.control.SyncRuns;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.web.control.AccountCards;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accounts page: a card per account with its sync badge, live sync progress, test, delete and
 * history; the add form. Forms post JSON to {@code /api/accounts} (the same validation as the API);
 * this servlet only renders: {@code /accounts} (page), {@code /accounts/cards}, {@code
 * /accounts/{id}/card} and {@code /accounts/{id}/history} (fragments).
 */
@WebServlet(urlPatterns = {"/accounts", "/accounts/*"})
public class AccountsPage extends HttpServlet {
  private static final Pattern CARD = Pattern.compile("^/(\\d{1,18})/(card|history)$");

  @Inject AccountCards cards;
  @Inject SyncRuns runs;
  @PersistenceContext EntityManager em;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = PageRenderer.path(request);
    try {
      Matcher card = CARD.matcher(path);
      if (path.isEmpty() || path.equals("/")) {
        request.setAttribute("accounts", cards.all());
        PageRenderer.render(
            request,
            response,
            PageRenderer.fragment(request) ? "accounts/cards" : "accounts/page",
            "accounts");
      } else if (path.equals("/cards")) {
        request.setAttribute("accounts", cards.all());
        PageRenderer.render(request, response, "accounts/cards", "accounts");
      } else if (card.matches() && card.group(2).equals("card")) {
        request.setAttribute("account", cards.of(Long.parseLong(card.group(1))));
        PageRenderer.render(request, response, "accounts/card", "accounts");
      } else if (card.matches()) {
        long id = Long.parseLong(card.group(1));
        Account.require(em, id); // 404 for an unknown account
        request.setAttribute("runs", runs.history(id, 10).stream().map(SyncRun::view).toList());
        PageRenderer.render(request, response, "accounts/history", "accounts");
      } else {
        throw new ProblemException(404, "Not found", "No such page.");
      }
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    }
  }
}
