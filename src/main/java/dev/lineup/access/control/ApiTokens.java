package dev.lineup.access.control;

import dev.lineup.access.entity.ApiToken;
import dev.lineup.platform.ClusterEvents;
import dev.lineup.platform.ClusterEvents.Announcement;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * API tokens: made, listed, checked on each bearer request, and revoked. A checked token is
 * remembered for {@link #REMEMBER}, so scripts calling in a loop cost no database read per request;
 * its last use is written when it is checked against the database, so at most once in that time.
 * Revoking a token forgets every remembered token once the revocation is committed, including
 * checks that were reading the database at that moment ({@link Remembered}).
 */
@ApplicationScoped
public class ApiTokens {
  private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
  static final Duration REMEMBER = Duration.ofSeconds(60);

  /** The announcement that makes every server forget remembered credentials. */
  static final String ACCESS = "access";

  @Inject ClusterEvents cluster;
  private static final int MAX_REMEMBERED = 1_000;

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** A token that was valid when checked: its id and name. */
  record Checked(long id, String name) {}

  private final Remembered<String, Checked> checked = new Remembered<>(REMEMBER, MAX_REMEMBERED);

  /** The name of the token a bearer header carries; empty when it is not one of ours. */
  public Optional<String> verify(String token) {
    if (!ApiToken.wellFormed(token)) {
      return Optional.empty();
    }
    return checked.get(ApiToken.hash(token), this::load).map(Checked::name);
  }

  /** The token with this hash as the database has it now (its use recorded). */
  Optional<Checked> load(String hash) {
    Optional<Checked> found =
        ApiToken.byHash(em, hash).map(token -> new Checked(token.id(), token.name()));
    found.ifPresent(token -> recordUse(token.id()));
    return found;
  }

  /** Another server revoked a token or ended sessions: what this one remembers is void. */
  void othersChanged(@Observes Announcement announcement) {
    if (announcement.is(ACCESS)) {
      checked.forget();
    }
  }

  /** Called once a revocation has been committed (or rolled back). */
  void forgetRemembered() {
    checked.forget();
  }

  private void recordUse(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
      update.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
      update.setLong(2, id);
      update.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "Could not record the use of API token " + id + ": " + e.getMessage());
    }
  }

  @Transactional
  public ApiToken create(String name) {
    ApiToken token = ApiToken.create(name);
    em.persist(token);
    em.flush();
    LOG.info(() -> "API token " + token.id() + " (" + name + ") created");
    return token;
  }

  public List<ApiToken> all() {
    return ApiToken.all(em);
  }

  @Transactional
  public void revoke(long id) {
    ApiToken token = ApiToken.require(em, id);
    em.remove(token);
    checked.forgetAfterCommit(transactions, () -> cluster.announce(ACCESS, null, null));
    LOG.info(() -> "API token " + id + " (" + token.name() + ") revoked");
  }
}
