package dev.lineup.epg.control;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.platform.ProblemException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches each account's guide into {@link XmltvStore}: from the URL the user set ({@code
 * epg_url}), else from the provider ({@code xmltv.php} for Xtream accounts, the playlist's {@code
 * x-tvg-url} for M3U accounts); on demand, and in the background after every successful sync. A
 * failed fetch keeps the previous guide.
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

  private final Set<Long> running = ConcurrentHashMap.newKeySet();

  public XmltvStore guides() {
    return new XmltvStore(dir(), MAX_MB.value() << 20, XmltvStore.DEFAULT_MAX_ELEMENT_BYTES);
  }

  /** EPG_DIR: the guides' folder (default: the server's output folder + /epg). */
  public Path dir() {
    return Optional.ofNullable(DIR.value())
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("server.output.dir", "."), "epg"));
  }

  /** The account's guide file name: its id and creation time (see {@link XmltvStore#file}). */
  public static String key(Account account) {
    return account.id() + "-" + account.createdAt().toEpochSecond(java.time.ZoneOffset.UTC);
  }

  /** The provider's programme guide, kept for players, is fetched again after each sync. */
  void afterSync(@Observes @Priority(LineupSynced.FOLLOWING) LineupSynced synced) {
    refreshLater(synced.accountId());
  }

  /** A deleted account's stored guide goes once the deletion committed. */
  void afterDeletion(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    guides().delete(key(deleted.account()));
  }

  /** Starts a refresh in the background unless one of the account runs already. */
  public void refreshLater(long accountId) {
    if (!running.add(accountId)) {
      return;
    }
    executor.execute(
        () -> {
          try {
            Account account = em.find(Account.class, accountId);
            if (account != null && source(account).isPresent()) {
              refresh(account);
            }
          } catch (RuntimeException e) {
            // A problem's detail names the provider's host only; any other message may hold a URL
            LOG.log(
                Level.WARNING,
                "Guide of account "
                    + accountId
                    + " not refreshed: "
                    + (e instanceof ProblemException problem
                        ? problem.detail()
                        : e.getClass().getName()));
          } finally {
            running.remove(accountId);
          }
        });
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
    long start = System.nanoTime();
    XmltvStore.Stats[] stats = {null};
    XmltvStore guides = guides();
    try {
      http.stream(
          uri,
          ProviderHttp.GUIDE_TIME_FACTOR,
          body -> {
            try {
              stats[0] = guides.store(key(account), body);
            } catch (XmltvStore.InvalidGuideException e) {
              throw invalid(uri, e); // HTML, JSON, a cut-off or oversized answer: the old one stays
            }
          });
    } catch (ProviderException e) {
      guides.failed(key(account), e.getMessage());
      throw e;
    }
    if (em.find(Account.class, account.id()) == null) {
      // Deleted while its guide was downloading: the deletion's clean-up has run already.
      guides.delete(key(account));
      return stats[0];
    }
    stored.fire(new GuideStored(key(account)));
    LOG.info(
        () ->
            "Guide of account "
                + account.id()
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
