package dev.lineup.access.control;

import dev.lineup.access.entity.ApiToken;
import dev.lineup.platform.ProblemException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * API tokens: made, listed, checked on each bearer request, and revoked. A checked token is
 * remembered for {@link #REMEMBER} (revoking it forgets it at once), so scripts calling in a loop
 * cost no database read per request; its last use is written when it is checked against the
 * database, so at most once in that time.
 */
@ApplicationScoped
public class ApiTokens {
  private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
  static final Duration REMEMBER = Duration.ofSeconds(60);
  private static final int MAX_REMEMBERED = 1_000;

  @PersistenceContext EntityManager em;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  /** A token that was valid when checked: its id and name, and when it was checked. */
  private record Checked(long id, String name, long at) {}

  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  /** The name of the token a bearer header carries; empty when it is not one of ours. */
  public Optional<String> verify(String token) {
    if (!ApiToken.wellFormed(token)) {
      return Optional.empty();
    }
    String hash = ApiToken.hash(token);
    Checked known = checked.get(hash);
    if (known != null && System.nanoTime() - known.at() < REMEMBER.toNanos()) {
      return Optional.of(known.name());
    }
    Optional<ApiToken> found = ApiToken.byHash(em, hash);
    if (found.isEmpty()) {
      checked.remove(hash);
      return Optional.empty();
    }
    if (checked.size() >= MAX_REMEMBERED) {
      checked.clear();
    }
    checked.put(hash, new Checked(found.get().id(), found.get().name(), System.nanoTime()));
    recordUse(found.get().id());
    return Optional.of(found.get().name());
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
    ApiToken token = em.find(ApiToken.class, id);
    if (token == null) {
      throw ProblemException.notFound("API token", id);
    }
    em.remove(token);
    checked.values().removeIf(known -> known.id() == id);
    LOG.info(() -> "API token " + id + " (" + token.name() + ") revoked");
  }
}
