package dev.lineup.access.control;

import dev.lineup.access.entity.ApiToken;
import dev.lineup.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** API tokens: made, listed, checked on each bearer request, and revoked. */
@ApplicationScoped
public class ApiTokens {
  private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());

  @PersistenceContext EntityManager em;

  /** The token a bearer header names, with its use recorded; empty when it is not one of ours. */
  @Transactional
  public Optional<ApiToken> verify(String token) {
    Optional<ApiToken> found = ApiToken.byToken(em, token);
    found.ifPresent(ApiToken::touch);
    return found;
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
    LOG.info(() -> "API token " + id + " (" + token.name() + ") revoked");
  }
}
