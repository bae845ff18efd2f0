package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.tag.boundary.AccountRulesetsResource;
import dev.lineup.tag.boundary.AccountTagsResource;
import dev.lineup.tag.boundary.RulesetsResource;
import dev.lineup.tag.boundary.Views.RuleView;
import dev.lineup.tag.boundary.Views.RulesetView;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags and rules ({@code /tags}): the rulesets with their rules (add, enable, delete), the default
 * ruleset button, the dry run, and per account the rulesets in use, its tags with counts and
 * "process tags". It reads through the API's own resources, so both show the same; the forms post
 * JSON to the API. {@code /tags/list} is the fragment the forms refresh; {@code /tags/account/{id}}
 * an account's tags with their counts, loaded after the page.
 */
@WebServlet(urlPatterns = {"/tags", "/tags/*"})
public class TagsPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject RulesetsResource rulesets;
  @Inject AccountRulesetsResource accountRulesets;
  @Inject AccountTagsResource accountTags;

  /** A ruleset with its rules. */
  public record RulesetRules(RulesetView ruleset, List<RuleView> rules) {}

  /**
   * An account and its rulesets ({@code GET /api/accounts/{id}/rulesets}: {@code effective,
   * assigned, uses_defaults}).
   */
  public record AccountRulesets(long id, String name, Object rulesets) {}

  private static final Pattern ACCOUNT_TAGS = Pattern.compile("^/account/(\\d{1,18})$");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = PageRenderer.path(request);
    Matcher accountTagsPath = ACCOUNT_TAGS.matcher(path);
    if (accountTagsPath.matches()) {
      // An account's tags with their counts: counted apart, so the page shows at once.
      try {
        request.setAttribute(
            "tags", accountTags.accountTags(Long.parseLong(accountTagsPath.group(1))));
      } catch (ProblemException problem) {
        ProblemMapper.send(response, problem);
        return;
      }
      PageRenderer.render(request, response, "tags/account-tags", "tags");
      return;
    }
    List<RulesetRules> sets =
        rulesets.list().stream().map(r -> new RulesetRules(r, rulesets.rules(r.id()))).toList();
    List<AccountRulesets> accounts =
        em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
            .map(a -> new AccountRulesets(a.id(), a.name(), accountRulesets.list(a.id())))
            .toList();
    request.setAttribute("rulesets", sets);
    request.setAttribute("accountsTags", accounts);
    request.setAttribute("from", PageRenderer.param(request, "from"));
    boolean fragment = path.equals("/list") || PageRenderer.fragment(request);
    PageRenderer.render(request, response, fragment ? "tags/list" : "tags/page", "tags");
  }
}
