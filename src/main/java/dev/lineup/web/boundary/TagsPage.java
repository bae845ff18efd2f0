package dev.lineup.web.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.tag.boundary.AccountRulesetsResource;
import dev.lineup.tag.boundary.AccountTagsResource;
import dev.lineup.tag.boundary.RulesetsResource;
import dev.lineup.tag.boundary.Views.RulesetView;
import dev.lineup.web.control.Views;
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
 * Tags and rules ({@code /tags}): the rulesets with their rules (add, enable, delete), the default
 * ruleset button, the dry run, and per account the rulesets in use, its tags with counts and
 * "process tags". It reads through the API's own resources, so both show the same; the forms post
 * JSON to the API. {@code /tags/list} is the fragment the forms refresh.
 */
@WebServlet(urlPatterns = {"/tags", "/tags/*"})
public class TagsPage extends HttpServlet {
  @PersistenceContext EntityManager em;
  @Inject RulesetsResource rulesets;
  @Inject AccountRulesetsResource accountRulesets;
  @Inject AccountTagsResource accountTags;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Map<String, Object>> sets =
        rulesets.list().stream()
            .map(
                (RulesetView r) -> {
                  Map<String, Object> set = new LinkedHashMap<>();
                  set.put("ruleset", r);
                  set.put("rules", rulesets.rules(r.id()));
                  return set;
                })
            .toList();
    List<Map<String, Object>> accounts =
        em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
            .map(
                a -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("id", a.id());
                  item.put("name", a.name());
                  item.put("rulesets", accountRulesets.list(a.id()));
                  item.put("tags", accountTags.accountTags(a.id()));
                  return item;
                })
            .toList();
    request.setAttribute("rulesets", sets);
    request.setAttribute("accountsTags", accounts);
    request.setAttribute("from", Views.param(request, "from"));
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    boolean fragment = path.equals("/list") || Views.fragment(request);
    Views.render(request, response, fragment ? "tags/list" : "tags/page", "tags");
  }
}
