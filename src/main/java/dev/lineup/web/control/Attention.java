package dev.lineup.web.control;

import dev.lineup.account.entity.Subscription;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.playlist.control.ConfigPlaylist;
import dev.lineup.playlist.entity.PlaylistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard says needs attention, the worst first: failing syncs (with the last error in
 * words), syncs held back by the safety gate (with "Confirm and sync"), subscriptions expired,
 * disabled or about to expire, guides whose last refresh failed, and playlists that serve no
 * channel. Each item names what it is about, links to where it is fixed, and says why.
 */
@ApplicationScoped
public class Attention {
  @PersistenceContext EntityManager em;
  @Inject GuideRefresh guides;
  @Inject ConfigPlaylist playlists;

  /**
   * One thing to look at.
   *
   * @param kind what it is ({@code failed, confirm, subscription, guide, playlist}), a CSS class
   * @param severity {@code bad} or {@code warn}
   * @param subject what it is about (an account's, guide source's or playlist's name)
   * @param href where it is fixed
   * @param what the headline ("Sync failed")
   * @param why the details in words
   * @param confirmAccount the account whose held-back sync "Confirm and sync" runs, or null
   */
  public record Item(
      String kind,
      String severity,
      String subject,
      String href,
      String what,
      String why,
      Long confirmAccount) {}

  public List<Item> of(List<AccountCard> accounts) {
    List<Item> bad = new ArrayList<>();
    List<Item> warn = new ArrayList<>();
    XmltvStore store = guides.guides();
    for (AccountCard a : accounts) {
      if (!a.enabled()) {
        continue; // switched off on purpose: nothing of it needs attention
      }
      String href = "/accounts#account-" + a.id();
      if (a.failed()) {
        bad.add(new Item("failed", "bad", a.name(), href, "Last sync failed", a.reason(), null));
      }
      if (a.needsConfirmation()) {
        warn.add(
            new Item(
                "confirm",
                "warn",
                a.name(),
                href,
                "Sync held back for confirmation",
                a.reason(),
                a.id()));
      }
      Subscription.Warning subscription = a.subscriptionWarning();
      boolean saidBySync =
          a.failed() && a.subscription() != null && a.subscription().loginRefused();
      if (subscription != null && !saidBySync) {
        (subscription.level() == Subscription.Level.BAD ? bad : warn)
            .add(
                new Item(
                    "subscription",
                    subscription.css(),
                    a.name(),
                    href,
                    "Subscription",
                    subscription.text(),
                    null));
      }
      if (a.synced()) {
        XmltvStore.Failure failure = store.failure(a.guideKey());
        if (failure != null) {
          warn.add(
              new Item(
                  "guide",
                  "warn",
                  a.name(),
                  "/guides",
                  "Guide refresh failed",
                  failure.message(),
                  null));
        }
      }
    }
    for (GuideSource source : GuideSource.all(em)) {
      XmltvStore.Failure failure = source.enabled() ? store.failure(source.key()) : null;
      if (failure != null) {
        warn.add(
            new Item(
                "guide",
                "warn",
                source.name(),
                "/guides",
                "Guide source refresh failed",
                failure.message(),
                null));
      }
    }
    if (accounts.stream().anyMatch(AccountCard::synced)) {
      for (PlaylistConfig config :
          em.createNamedQuery(PlaylistConfig.ALL, PlaylistConfig.class).getResultList()) {
        if (config.enabled() && !playlists.servesAny(config.settings())) {
          warn.add(
              new Item(
                  "playlist",
                  "warn",
                  config.name(),
                  "/playlists#playlist-" + config.id(),
                  "Playlist serves no channel",
                  "Its accounts, tags and filters leave nothing: players get an empty list.",
                  null));
        }
      }
    }
    bad.addAll(warn);
    return bad;
  }
}
