package dev.lineup.account.boundary;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.account.entity.Account;
import dev.lineup.account.entity.AccountSettings;
import dev.lineup.account.entity.Subscription;
import dev.lineup.platform.AccountLock;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/accounts}: the legacy CRUD plus the provider connection test. Each request is one
 * transaction (a stateless bean), except the test, which holds none while it waits for the
 * provider.
 */
@Path("accounts")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {
  private static final Logger LOG = Logger.getLogger(AccountsResource.class.getName());
  static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  @PersistenceContext EntityManager em;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject Validator validator;
  @Inject Event<AccountDeleted> deleted;

  @GET
  public List<AccountView> list() {
    Map<Long, Subscription> subscriptions = Subscription.all(em);
    return em.createNamedQuery(Account.ALL, Account.class).getResultList().stream()
        .map(a -> AccountView.of(a, subscriptions.get(a.id())))
        .toList();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public AccountView get(@PathParam("id") long id) {
    return AccountView.of(Account.require(em, id), Subscription.of(em, id).orElse(null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      content = @Content(schema = @Schema(implementation = AccountRequest.AccountInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context UriInfo uri) {
    AccountSettings settings = validated(JsonBody.parse(body), false);
    Account.requireUniqueName(em, settings.name(), -1);
    Account account = new Account(settings);
    em.persist(account);
    em.flush();
    LOG.info(() -> "Account created: " + account);
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(account.id())).build())
        .entity(AccountView.of(account, null))
        .build();
  }

  /** Replaces the settings; the password may be left out to keep the stored one. */
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = AccountRequest.AccountInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public AccountView replace(@PathParam("id") long id, String body) {
    Account account = Account.require(em, id);
    return update(
        account,
        validated(
            JsonBody.of(AccountRequest.unmasked(JsonBody.parse(body).json(), account)),
            account.hasPassword()));
  }

  /** Changes only the fields sent (JSON Merge Patch: a null removes an optional setting). */
  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @RequestBody(
      content = @Content(schema = @Schema(implementation = AccountRequest.AccountInput.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public AccountView patch(@PathParam("id") long id, String body) {
    Account account = Account.require(em, id);
    JsonObject current = AccountRequest.asJson(account.settings());
    JsonObject merged =
        Json.createMergePatch(AccountRequest.unmasked(JsonBody.parse(body).json(), account))
            .apply(current)
            .asJsonObject();
    return update(account, validated(JsonBody.of(merged), account.hasPassword()));
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // its own statement, retried
  public Deleted delete(@PathParam("id") long id) {
    Account account = Account.require(em, id);
    // The account's sync lock keeps a sync or tag run from writing while the account goes (a first
    // sync's uncommitted channels would hold the deletion until its fetch ends).
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      if (!AccountLock.tryAcquire(connection, id)) {
        throw ProblemException.conflict(
            "A sync or tag run of account '"
                + account.name()
                + "' is running. Cancel it (DELETE /api/accounts/"
                + id
                + "/sync) or wait until it ends, then delete the account.");
      }
      try {
        // Everything an account owns references it with ON DELETE CASCADE: one statement, one
        // transaction, no orphans.
        deleteRow(connection, id);
      } finally {
        AccountLock.release(connection, id);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not delete account " + id, e);
    }
    deleted.fire(new AccountDeleted(account)); // its guide and search documents follow
    LOG.info(() -> "Account deleted: " + account);
    return new Deleted("Account '" + account.name() + "' and all its data deleted.");
  }

  /**
   * Deletes the account's row (its channels, tags, runs and the rest follow by cascade). The
   * background work that follows a sync (search documents, the guide) may hold rows of the same
   * account for a moment: a deadlock with it is retried, up to three times.
   */
  private static void deleteRow(Connection connection, long id) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
        delete.setLong(1, id);
        delete.executeUpdate();
        return;
      } catch (SQLTransactionRollbackException e) {
        if (attempt == 3) {
          throw e;
        }
        LOG.info(() -> "Deleting account " + id + " met other work on its rows; trying again");
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private AccountView update(Account account, AccountSettings settings) {
    Account.requireUniqueName(em, settings.name(), account.id());
    account.apply(settings);
    em.flush();
    LOG.info(() -> "Account updated: " + account);
    return AccountView.of(account, Subscription.of(em, account.id()).orElse(null));
  }

  private AccountSettings validated(JsonBody body, boolean passwordStored) {
    return AccountRequest.checked(body, passwordStored, validator);
  }
}
