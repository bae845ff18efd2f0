package dev.lineup.sync.boundary;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ProblemException;
import dev.lineup.sync.control.ChannelSync;
import dev.lineup.sync.entity.SyncRun;
import dev.lineup.sync.entity.SyncRun.Scope;
import dev.lineup.sync.entity.SyncRun.Trigger;
import dev.lineup.sync.entity.SyncRunView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/sync/all}: {@code {success, accounts_synced, results[]}}. */
@Path("sync/all")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncAllResource {
  @PersistenceContext EntityManager em;
  @Inject ChannelSync sync;

  /** Syncs every enabled account, one after the other; one account's failure stops no other. */
  // The answer stays a map of mixed results; these types describe it in the OpenAPI document.

  /** {@code success}: every enabled account synced. */
  public record SyncAllAnswer(boolean success, int accountsSynced, List<SyncAllResult> results) {}

  /** An account's run stats, or why it did not run. */
  @Schema(oneOf = {SyncRunView.class, NotRun.class})
  public interface SyncAllResult {}

  /** An account whose sync did not start: {@code busy} (one was running) or {@code failed}. */
  public record NotRun(
      boolean success,
      long accountId,
      String accountName,
      @Schema(enumeration = {"busy", "failed"}) String status,
      List<String> errors) {}

  @POST
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = SyncAllAnswer.class)))
  public Map<String, Object> syncAll() {
    List<Object> results = new ArrayList<>(); // each account's run stats, or why it did not run
    int synced = 0;
    boolean allOk = true;
    for (Account account : em.createNamedQuery(Account.ALL, Account.class).getResultList()) {
      if (!account.enabled()) {
        continue;
      }
      try {
        SyncRun run = sync.sync(account.id(), Trigger.MANUAL, Scope.ALL, false);
        synced += run.succeeded() ? 1 : 0;
        allOk &= run.succeeded();
        results.add(run.view());
      } catch (ProblemException e) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", false);
        result.put("account_id", account.id());
        result.put("account_name", account.name());
        result.put("status", e.status() == 409 ? "busy" : "failed");
        result.put("errors", List.of(e.detail()));
        results.add(result);
        allOk = false;
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", allOk);
    answer.put("accounts_synced", synced);
    answer.put("results", results);
    return answer;
  }
}
