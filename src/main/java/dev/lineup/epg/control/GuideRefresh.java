package dev.lineup.epg.control;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.SharedStorage;
import dev.lineup.platform.Variable;
import dev.lineup.provider.control.ProviderException;
import dev.lineup.provider.control.ProviderHttp;
import dev.lineup.sync.control.LineupSynced;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches each account's guide into {@link XmltvStore}: from the URL the user set ({@code
 * epg_url}), else from the provider ({@code xmltv.php} for Xtream accounts, the playlist's {@code
 * x-tvg-url} for M3U accounts); on demand, and in the background after every successful sync. Extra
 * guide sources ({@link GuideSource}) are fetched the same way, on demand and when due. A failed
 * fetch keeps the previous guide.
 */
@ApplicationScoped
public class GuideRefresh {
  private static final Logger LOG = Logger.getLogger(GuideRefresh.class.getName());

  /** EPG_DIR: the guides' folder. */
  public static final Variable<String> DIR = Variable.text("EPG_DIR", null, "a folder path", false);

  /** GUIDE_MAX_MB: the most XML one guide may hold once unpacked. */
  public static final Variable<Long> MAX_MB =
      Variable.whole("GUIDE_MAX_MB", "4096", 1, 1_048_576, "MiB");

  @Inject ProviderHttp http;
  @PersistenceContext EntityManager em;
  @Resource ManagedExecutorService executor;
  @Inject Event<GuideStored> stored;

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public XmltvStore guides() {
    return new XmltvStore(dir(), MAX_MB.value() << 20, XmltvStore.DEFAULT_MAX_ELEMENT_BYTES);
  }

  /**
   * EPG_DIR: the guides' folder (default: SHARED_DIR + /epg when servers share one, else the
   * server's output folder + /epg).
   */
  public Path dir() {
    return Optional.ofNullable(DIR.value())
        .map(Path::of)
        .or(() -> SharedStorage.dir().map(shared -> shared.resolve("epg")))
        .orElseGet(() -> Path.of(System.getProperty("server.output.dir", "."), "epg"));
  }

  /** The account's guide file name: its id and creation time (see {@link XmltvStore#file}). */
  public static String key(Account account) {
    return account.id() + "-" + account.createdAt().toEpochSecond(java.time.ZoneOffset.UTC);
  }

  /** The prefix of an account's guide reference ({@code account:3}). */
  public static final String ACCOUNT_PREFIX = "account:";

  /** How matches and mappings name an account's guide: {@code account:{id}}. */
  public static String guide(long accountId) {
    return ACCOUNT_PREFIX + accountId;
  }

  /**
   * The store key of every guide reference ({@code account:3}, {@code source:1}) there is now,
   * accounts first, then the sources by priority; whether a guide is stored is the store's to say.
   */
  public Map<String, String> keys() {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Account account : em.createNamedQuery(Account.ALL, Account.class).getResultList()) {
      keys.put(guide(account.id()), key(account));
    }
    for (GuideSource source : GuideSource.all(em)) {
      keys.put(source.guide(), source.key());
    }
    return keys;
  }

  /** The store key of one guide reference; empty when its account or source is gone. */
  public Optional<String> key(String guide) {
    try {
      if (guide.startsWith(ACCOUNT_PREFIX)) {
        long id = Long.parseLong(guide.substring(ACCOUNT_PREFIX.length()));
        return Optional.ofNullable(em.find(Account.class, id)).map(GuideRefresh::key);
      }
      if (guide.startsWith(GuideSource.GUIDE_PREFIX)) {
        long id = Long.parseLong(guide.substring(GuideSource.GUIDE_PREFIX.length()));
        return Optional.ofNullable(em.find(GuideSource.class, id)).map(GuideSource::key);
      }
    } catch (NumberFormatException e) {
      // not a reference Lineup wrote
    }
    return Optional.empty();
  }

  /** The provider's programme guide, kept for players, is fetched again after each sync. */
  void afterSync(@Observes @Priority(LineupSynced.FOLLOWING) LineupSynced synced) {
    refreshLater(synced.accountId());
  }

  /**
   * A new source, a new URL or a source enabled again: its guide is fetched once that committed.
   */
  void afterSourceChange(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) GuideSourceChanged changed) {
    if (changed.fetch()) {
      refreshSourceLater(changed.sourceId());
    }
  }

  /** A source's stored guide goes once its deletion committed. */
  void afterSourceDeletion(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) GuideSourceDeleted deleted) {
    guides().delete(deleted.key());
  }

  /** A deleted account's stored guide goes once the deletion committed. */
  void afterDeletion(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    guides().delete(key(deleted.account()));
  }

  /** Starts a refresh in the background unless one of the account runs already. */
  public void refreshLater(long accountId) {
    later(
        guide(accountId),
        () -> {
          Account account = em.find(Account.class, accountId);
          if (account != null && source(account).isPresent()) {
            refresh(account);
          }
        });
  }

  /** Starts a refresh of a guide source in the background unless one of it runs already. */
  public void refreshSourceLater(long sourceId) {
    later(
        GuideSource.GUIDE_PREFIX + sourceId,
        () -> {
          GuideSource source = em.find(GuideSource.class, sourceId);
          if (source != null) {
            refresh(source);
          }
        });
  }

  private void later(String guide, Runnable refresh) {
    if (!running.add(guide)) {
      return;
    }
    executor.execute(
        () -> {
          try {
            refresh.run();
          } catch (RuntimeException e) {
            // A problem's detail names the provider's host only; any other message may hold a URL
            LOG.log(
                Level.WARNING,
                "Guide "
                    + guide
                    + " not refreshed: "
                    + (e instanceof ProblemException problem
                        ? problem.detail()
                        : e.getClass().getName()));
          } finally {
            running.remove(guide);
          }
        });
  }

  /** Whether a refresh of this guide ({@code account:3}, {@code source:1}) runs now. */
  public boolean refreshing(String guide) {
    return running.contains(guide);
  }

  /**
   * Where the account's guide comes from: its {@code epg_url}, else {@code xmltv.php} for an Xtream
   * account, else the URL its M3U playlist named at the last sync; empty when there is none.
   */
  public static Optional<URI> source(Account account) {
    if (account.epgUrl() != null) {
      return Optional.of(ProviderHttp.uri(account.epgUrl()));
    }
    if (account.providerType() == ProviderType.XTREAM) {
      return Optional.of(
          ProviderHttp.uri(
              account.serverUrl()
                  + "/xmltv.php?username="
                  + URLEncoder.encode(account.username(), StandardCharsets.UTF_8)
                  + "&password="
                  + URLEncoder.encode(account.password(), StandardCharsets.UTF_8)));
    }
    return Optional.ofNullable(account.providerEpgUrl()).map(ProviderHttp::uri);
  }

  /** Fetches and stores the account's guide now. */
  public XmltvStore.Stats refresh(Account account) {
    URI uri =
        source(account)
            .orElseThrow(
                () ->
                    new ProblemException(
                        422,
                        "No guide source",
                        "Account "
                            + account.id()
                            + " has no guide: its M3U playlist names none (x-tvg-url). Set the"
                            + " account's epg_url to an XMLTV URL."));
    return store(
        "Guide of account " + account.id(),
        key(account),
        uri,
        () -> em.find(Account.class, account.id()) != null);
  }

  /** Fetches and stores a guide source's guide now. */
  public XmltvStore.Stats refresh(GuideSource source) {
    return store(
        "Guide source " + source.id() + " '" + source.name() + "'",
        source.key(),
        ProviderHttp.uri(source.url()),
        () -> em.find(GuideSource.class, source.id()) != null);
  }

  /**
   * Fetches {@code uri} into the guide {@code key}; {@code stillWanted} says whether its owner
   * still exists once the download is done (a deletion meanwhile has cleaned up already).
   */
  private XmltvStore.Stats store(
      String what, String key, URI uri, java.util.function.BooleanSupplier stillWanted) {
    long start = System.nanoTime();
    XmltvStore.Stats[] stats = {null};
    XmltvStore guides = guides();
    try {
      http.stream(
          uri,
          ProviderHttp.GUIDE_TIME_FACTOR,
          body -> {
            try {
              stats[0] = guides.store(key, body);
            } catch (XmltvStore.InvalidGuideException e) {
              throw invalid(uri, e); // HTML, JSON, a cut-off or oversized answer: the old one stays
            }
          });
    } catch (ProviderException e) {
      guides.failed(key, e.getMessage());
      throw e;
    }
    if (!stillWanted.getAsBoolean()) {
      guides.delete(key);
      return stats[0];
    }
    stored.fire(new GuideStored(key));
    LOG.info(
        () ->
            what
                + " stored in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms: "
                + stats[0].channels()
                + " channels, "
                + stats[0].programmes()
                + " programmes, "
                + stats[0].bytes()
                + " bytes compressed");
    return stats[0];
  }

  private static ProviderException invalid(URI uri, IOException cause) {
    return new ProviderException(
        ProviderException.Kind.MALFORMED,
        ProviderHttp.host(uri) + " did not send an XMLTV guide (" + cause.getMessage() + ").");
  }
}
