package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.filter.boundary.AccountFiltersResource;
import dev.lineup.filter.boundary.FilterView;
import dev.lineup.web.control.AccountCard;
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
import java.util.List;

/**
 * Filters ({@code /filters}): per account, its filters (enable, delete) and the form to add one,
 * checked by the API's own validation; the card shows how many channels pass. {@code /filters/list}
 * is the fragment the forms refresh.
 */
@WebServlet(urlPatterns = {"/filters", "/filters/*"})
public class FiltersPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject AccountFiltersResource filters;
  @Inject AccountCards cards;

  /** An account's card and its filters. */
  public record AccountFilters(AccountCard account, List<FilterView> filters) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<AccountFilters> accounts =
        em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
            .map(a -> new AccountFilters(cards.withoutHistory(a), filters.list(a.id())))
            .toList();
    request.setAttribute("accounts", accounts);
    String path = PageRenderer.path(request);
    boolean fragment = path.equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "filters/list" : "filters/page", "filters");
  }
}
