package dev.lineup.channel.control;

import dev.lineup.account.entity.Account;
import dev.lineup.filter.control.FilterSet;
import dev.lineup.filter.entity.Filter;
import dev.lineup.platform.ProblemException;
import dev.lineup.provider.control.LiveLineup;
import dev.lineup.tag.control.AccountRules;
import dev.lineup.tag.control.TagExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The preview of an account that has not synced yet, from its provider's live list: each channel is
 * tagged with the account's rules and put through its filters, the tag condition and the search
 * exactly as stored channels are, counted, and kept only when it falls on the requested page. The
 * page follows the provider's order (nothing is stored to sort by); memory holds one page.
 */
@ApplicationScoped
public class ProviderPreview {
  @PersistenceContext EntityManager em;
  @Inject AccountRules rules;
  @Inject LiveLineup live;

  public ChannelPreview.Page page(Account account, PreviewRequest request) {
    if (request.after() != null) {
      throw ProblemException.badRequest(
          "after works once the account is synced; before that, page with offset.");
    }
    TagExtractor extractor = rules.extractor(account.id());
    FilterSet filters =
        new FilterSet(
            request.applyFilters()
                ? Filter.evaluable(
                    em.createNamedQuery(Filter.OF_ACCOUNT, Filter.class)
                        .setParameter("account", account.id())
                        .getResultList())
                : List.of());
    List<ChannelPreview.Channel> page = new ArrayList<>();
    long[] total = {0};
    long end = (long) request.offset() + request.limit();
    live.forEach(
        account,
        (channel, category) -> {
          TagExtractor.Extraction extraction = extractor.extract(channel.name(), category);
          Set<String> tags = new LinkedHashSet<>(extraction.tags());
          if (!filters.passes(channel.name(), category, tags)
              || !tagsMatch(tags, request)
              || (request.search() != null
                  && !SearchText.matches(
                      request.search(), channel.name(), extraction.cleanedName()))) {
            return;
          }
          long position = total[0]++;
          if (position >= request.offset() && position < end) {
            page.add(
                new ChannelPreview.Channel(
                    null,
                    channel.streamId(),
                    channel.name(),
                    extraction.cleanedName(),
                    category,
                    channel.streamIcon() == null || channel.streamIcon().isBlank()
                        ? null
                        : channel.streamIcon(),
                    tags.stream().sorted().toList(),
                    true,
                    account.id(),
                    account.name(),
                    null,
                    ChannelTitle.of(
                        extraction.cleanedName(),
                        channel.name(),
                        channel.num(),
                        channel.epgChannelId(),
                        channel.streamId())));
          }
        });
    return new ChannelPreview.Page(total[0], page, total[0] > end, null);
  }

  private static boolean tagsMatch(Set<String> tags, PreviewRequest request) {
    if (request.tags().isEmpty()) {
      return true;
    }
    return request.matchAll()
        ? tags.containsAll(request.tags())
        : request.tags().stream().anyMatch(tags::contains);
  }
}
