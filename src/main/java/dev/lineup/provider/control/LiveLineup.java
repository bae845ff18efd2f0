package dev.lineup.provider.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An account's live channels straight from its provider, one at a time with their category name,
 * for the paths that work before the first sync (tag counts, preview). Only category names are
 * held; channels are never collected.
 */
@ApplicationScoped
public class LiveLineup {
  @Inject XtreamClient xtream;
  @Inject M3uPlaylistReader playlists;

  /** Streams every live channel of the account with its category name (or null). */
  public void forEach(Account account, BiConsumer<ProviderChannel, String> sink) {
    Map<String, String> categories = new HashMap<>();
    BiConsumer<ProviderChannel, String> named = sink;
    java.util.function.Consumer<ProviderChannel> channel =
        c -> named.accept(c, c.categoryId() == null ? null : categories.get(c.categoryId()));
    if (account.providerType() == ProviderType.M3U) {
      playlists.read(account.serverUrl(), g -> categories.put(g.categoryId(), g.name()), channel);
    } else {
      xtream.liveCategories(
          account.serverUrl(),
          account.username(),
          account.password(),
          c -> categories.put(c.categoryId(), c.name()));
      xtream.liveStreams(account.serverUrl(), account.username(), account.password(), channel);
    }
  }
}
