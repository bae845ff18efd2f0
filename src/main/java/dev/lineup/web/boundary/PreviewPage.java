package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.channel.boundary.AccountPreviewResource;
import dev.lineup.channel.boundary.ChannelsPreviewResource;
import dev.lineup.channel.boundary.PreviewParams;
import dev.lineup.channel.control.PreviewRequest;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preview page ({@code /preview}): every channel across accounts, or one account's, searched as
 * you type, narrowed by tags (any/all) and filters, 100 rows at a time with more loaded as the
 * table scrolls. {@code /preview/rows} is the table (fragment). It reads through the preview API's
 * own resources: synced accounts from the database, an unsynced one from its provider (the badge
 * says which).
 */
@WebServlet(urlPatterns = {"/preview", "/preview/*"})
public class PreviewPage extends HttpServlet {
  private static final String PAGE_SIZE = "100";

  @PersistenceContext EntityManager em;
  @Inject AccountPreviewResource accountPreview;
  @Inject ChannelsPreviewResource channelsPreview;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = PageRenderer.path(request);
    try {
      List<Account> all = em.createNamedQuery(Account.ALL, Account.class).getResultList();
      request.setAttribute("accounts", all);
      request.setAttribute("account", PageRenderer.param(request, "account"));
      if (path.equals("/rows")) {
        rows(request);
        PageRenderer.render(
            request,
            response,
            request.getParameter("after") != null || request.getParameter("offset") != null
                ? "preview/rows"
                : "preview/results",
            "preview");
      } else if (path.isEmpty() || path.equals("/")) {
        @SuppressWarnings("unchecked")
        List<String> tags =
            em.createNativeQuery("SELECT name FROM tags ORDER BY name").getResultList();
        request.setAttribute("tags", tags);
        rows(request);
        PageRenderer.render(request, response, "preview/page", "preview");
      } else {
        throw new ProblemException(404, "Not found", "No such page.");
      }
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    }
  }

  /** The page of channels the request's parameters ask for, and the URL of the next one. */
  private void rows(HttpServletRequest request) {
    String accountParam = PageRenderer.param(request, "account");
    String applyFilters = request.getParameter("apply_filters") == null ? "false" : "true";
    if (request.getParameter("filters_shown") == null) {
      applyFilters = "true"; // the page's first load: the switch's default
    }
    String filtersSwitch = applyFilters;
    boolean merged = request.getParameter("merged") != null; // a checkbox: absent means off
    // The API's parameters, read as the API reads them; the page sets the page size and the
    // filters switch (a checkbox: absent means off) and never shows inactive channels.
    PreviewRequest query =
        PreviewParams.of(
                name ->
                    switch (name) {
                      case "limit" -> PAGE_SIZE;
                      case "apply_filters" -> filtersSwitch;
                      case "include_inactive" -> null;
                      case "merged" -> merged ? "true" : null;
                      default -> PageRenderer.param(request, name);
                    })
            .request();
    Map<String, Object> view =
        accountParam != null
            ? accountPreview.view(parseId(accountParam), query, true)
            : channelsPreview.view(null, query);
    boolean database = Boolean.TRUE.equals(view.get("using_database"));
    request.setAttribute("result", view);
    request.setAttribute("applyFilters", applyFilters.equals("true"));
    request.setAttribute("merged", merged);
    if (Boolean.TRUE.equals(view.get("has_more"))) {
      Map<String, String> next = new LinkedHashMap<>();
      for (String name : List.of("account", "search", "tags", "match")) {
        if (PageRenderer.param(request, name) != null) {
          next.put(name, PageRenderer.param(request, name));
        }
      }
      next.put("filters_shown", "1");
      if (applyFilters.equals("true")) {
        next.put("apply_filters", "on");
      }
      if (merged) {
        next.put("merged", "on");
      }
      if (database) {
        next.put("after", (String) view.get("next_after"));
      } else {
        next.put("offset", String.valueOf(query.offset() + query.limit()));
      }
      StringBuilder url = new StringBuilder("/preview/rows?");
      next.forEach(
          (k, v) ->
              url.append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                  .append('&'));
      request.setAttribute("nextUrl", url.substring(0, url.length() - 1));
    }
  }

  private static long parseId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("account must be an account id");
    }
  }
}
