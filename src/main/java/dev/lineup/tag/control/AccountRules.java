package dev.lineup.tag.control;

import dev.lineup.sync.control.ChannelNaming;
import dev.lineup.tag.entity.Ruleset;
import dev.lineup.tag.entity.TagRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which rules apply to an account: the enabled rulesets assigned to it (by assignment priority),
 * or, when it has none, every enabled default ruleset (by ruleset priority). Their enabled rules
 * run by rule priority, ties broken by ruleset order, then creation order.
 */
@ApplicationScoped
public class AccountRules implements ChannelNaming {
  @PersistenceContext EntityManager em;

  /** The cleaned names a sync gives the channels it writes. */
  @Override
  public UnaryOperator<String> cleaning(long accountId) {
    return extractor(accountId)::cleanedName;
  }

  /** The ids of the rulesets the account uses, in order. */
  public List<Long> effectiveRulesets(long accountId) {
    List<Long> assigned = new ArrayList<>();
    for (Object id :
        em.createNativeQuery(
                "SELECT r.id FROM account_rulesets ar JOIN rulesets r ON r.id = ar.ruleset_id"
                    + " WHERE ar.account_id = ? AND r.enabled ORDER BY ar.priority, r.id")
            .setParameter(1, accountId)
            .getResultList()) {
      assigned.add(((Number) id).longValue());
    }
    if (!assigned.isEmpty()) {
      return assigned;
    }
    return em.createNamedQuery(Ruleset.ALL, Ruleset.class).getResultList().stream()
        .filter(r -> r.isDefault() && r.enabled())
        .map(Ruleset::id)
        .toList();
  }

  /** The account's rules, compiled once, in the order they run. */
  public TagExtractor extractor(long accountId) {
    List<Long> rulesets = effectiveRulesets(accountId);
    Map<Long, Integer> rulesetOrder = new HashMap<>();
    for (int i = 0; i < rulesets.size(); i++) {
      rulesetOrder.put(rulesets.get(i), i);
    }
    List<TagRule> rules = new ArrayList<>();
    for (long ruleset : rulesets) {
      TagRule.ofRuleset(em, ruleset).stream().filter(TagRule::enabled).forEach(rules::add);
    }
    rules.sort(
        Comparator.comparingInt(TagRule::priority)
            .thenComparing(r -> rulesetOrder.get(r.rulesetId()))
            .thenComparing(TagRule::id));
    return new TagExtractor(rules.stream().map(TagRule::compiled).toList());
  }
}
