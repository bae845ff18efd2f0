package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.epg.boundary.GuideSourcesResource;
import dev.lineup.epg.control.GuideProgrammes;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.ProgrammeIndex.Programme;
import dev.lineup.identity.boundary.MergedChannelsResource;
import dev.lineup.identity.control.GuideCatalogue;
import dev.lineup.identity.control.GuideMatches;
import dev.lineup.identity.control.GuideMatches.GuideMatchView;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The guides page ({@code /guides}): the extra guide sources, and every channel's guide to review
 * (the matcher's proposals with their score, reason and what is on now and next; accept, reject or
 * pick another). {@code /guides/list} is the review list fragment, {@code /guides/sources} the
 * sources' one, {@code /guides/channels} the guide channels suggested while a person types one,
 * {@code /guides/merged} the merged channels with their sources.
 */
@WebServlet(urlPatterns = {"/guides", "/guides/*"})
public class GuidesPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject GuideSourcesResource sources;
  @Inject GuideMatches matches;
  @Inject GuideProgrammes programmes;
  @Inject GuideRefresh guides;
  @Inject GuideCatalogue catalogue;
  @Inject MergedChannelsResource merged;

  /** A channel with its guide, and what that guide channel shows now and next. */
  public record Row(GuideMatchView match, String now, String next) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = PageRenderer.path(request);
    try {
      if (path.equals("/sources")) {
        request.setAttribute("sources", sources.all());
        PageRenderer.render(request, response, "guides/sources", "guides");
      } else if (path.equals("/merged")) {
        request.setAttribute(
            "merged",
            merged.page(
                PageRenderer.param(request, "search"),
                "20",
                PageRenderer.param(request, "offset")));
        PageRenderer.render(request, response, "guides/merged", "guides");
      } else if (path.equals("/channels")) {
        // Suggestions while a person types a guide channel (the review list's "Set" field)
        String text = PageRenderer.param(request, "guide_channel_id");
        request.setAttribute(
            "found", text == null || text.length() > 200 ? List.of() : catalogue.search(text, 20));
        PageRenderer.render(request, response, "guides/options", "guides");
      } else if (path.isEmpty() || path.equals("/") || path.equals("/list")) {
        request.setAttribute("sources", sources.all());
        list(request);
        boolean fragment = path.equals("/list") || PageRenderer.fragment(request);
        PageRenderer.render(request, response, fragment ? "guides/list" : "guides/page", "guides");
      } else {
        throw new ProblemException(404, "Not found", "No such page.");
      }
    } catch (ProblemException problem) {
      ProblemMapper.send(response, problem);
    }
  }

  /** The review list the request's parameters ask for (a bad one is a 400 problem). */
  private void list(HttpServletRequest request) {
    String status = PageRenderer.param(request, "status");
    if (status == null) {
      status = "review";
    }
    String account = PageRenderer.param(request, "account_id");
    Long accountId =
        account == null || !account.matches("\\d{1,18}") ? null : Long.valueOf(account);
    String search = PageRenderer.param(request, "search");
    GuideMatches.GuideMatchPage page =
        matches.page(
            GuideMatches.Query.parse(
                status, accountId, search, "50", PageRenderer.param(request, "offset")));
    Map<String, String> keys = guides.keys();
    request.setAttribute("page", page);
    request.setAttribute("rows", page.items().stream().map(m -> row(m, keys)).toList());
    request.setAttribute("status", status);
    request.setAttribute("accountId", accountId);
    request.setAttribute("search", search);
    request.setAttribute(
        "accounts", em.createNamedQuery(Account.ALL, Account.class).getResultList());
  }

  private Row row(GuideMatchView m, Map<String, String> keys) {
    if (m.guide() == null || m.guideChannelId() == null || !keys.containsKey(m.guide())) {
      return new Row(m, null, null);
    }
    try {
      List<Programme> shows = programmes.of(keys.get(m.guide()), m.guideChannelId());
      long now = Instant.now().getEpochSecond();
      for (int i = 0; i < shows.size(); i++) {
        Programme p = shows.get(i);
        if (p.stop() > now) {
          boolean on = p.start() <= now;
          String first = on ? p.title() : null;
          String second = on ? (i + 1 < shows.size() ? shows.get(i + 1).title() : null) : p.title();
          return new Row(m, first, second);
        }
      }
    } catch (IOException e) {
      // a guide that cannot be read shows nothing on now
    }
    return new Row(m, null, null);
  }
}
