package dev.lineup.epg.control;

import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.ProviderType;
import dev.lineup.platform.ProblemException;
import dev.lineup.provider.control.ProviderException;
import dev.lineup.provider.control.ProviderHttp;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fetches each account's guide from its provider ({@code xmltv.php} for Xtream accounts) into
 * {@link Guides}: on demand, and in the background after every successful sync. A failed fetch
 * keeps the previous guide.
 */
@ApplicationScoped
public class GuideRefresh {
  private static final Logger LOG = Logger.getLogger(GuideRefresh.class.getName());

  @Inject
  @ConfigProperty(name = "EPG_DIR")
  Optional<String> epgDir;

  @Inject ProviderHttp http;
  @PersistenceContext EntityManager em;
  @Resource ManagedExecutorService executor;

  private final Set<Long> running = ConcurrentHashMap.newKeySet();

  public Guides guides() {
    return new Guides(
        epgDir
            .filter(d -> !d.isBlank())
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("server.output.dir", "."), "epg")));
  }

  /** The account's guide file name: its id and creation time (see {@link Guides#file}). */
  public static String key(Account account) {
    return account.id() + "-" + account.createdAt().toEpochSecond(java.time.ZoneOffset.UTC);
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
            if (account != null && account.providerType() == ProviderType.XTREAM) {
              refresh(account);
            }
          } catch (RuntimeException e) {
            LOG.log(
                Level.WARNING,
                "Guide of account " + accountId + " not refreshed: " + e.getMessage());
          } finally {
            running.remove(accountId);
          }
        });
  }

  /** Fetches and stores the account's guide now. */
  public Guides.Stats refresh(Account account) {
    if (account.providerType() != ProviderType.XTREAM) {
      throw new ProblemException(
          422,
          "No guide source",
          "Account "
              + account.id()
              + " is an M3U playlist; guides for M3U accounts are not supported yet.");
    }
    URI uri =
        URI.create(
            account.serverUrl()
                + "/xmltv.php?username="
                + URLEncoder.encode(account.username(), StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(account.password(), StandardCharsets.UTF_8));
    long start = System.nanoTime();
    Guides.Stats[] stats = {null};
    http.stream(
        uri,
        body -> {
          try {
            stats[0] = guides().store(key(account), body);
          } catch (Guides.InvalidGuideException e) {
            throw invalid(uri, e); // HTML, JSON or a cut-off answer: the old guide stays
          }
        });
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
