package dev.lineup.backup.control;

import dev.lineup.filter.control.FilterEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CDI event: a restore (or an import) was stored; these accounts' filters changed. Their channels'
 * pass flags are evaluated once it committed: the evaluation reads the committed filters, on its
 * own connection.
 */
public record SetupRestored(Set<Long> filteredAccounts) {

  /** Re-evaluates the filters a restore changed. */
  @ApplicationScoped
  public static class Filters {
    private static final Logger LOG = Logger.getLogger(SetupRestored.class.getName());

    @Inject FilterEvaluation evaluation;

    void afterRestore(@Observes(during = TransactionPhase.AFTER_SUCCESS) SetupRestored restored) {
      for (long account : restored.filteredAccounts()) {
        try {
          evaluation.recompute(account);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Filters of account " + account + " not re-evaluated", e);
        }
      }
    }
  }
}
