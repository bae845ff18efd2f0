package dev.lineup.backup.control;

import dev.lineup.sync.control.LineupSynced;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After an account's sync, the restored decisions that waited for its channels are applied (or
 * dropped when its lineup does not have them), before the playlists are numbered or matched again.
 */
@ApplicationScoped
public class PendingDecisions {
  private static final Logger LOG = Logger.getLogger(PendingDecisions.class.getName());

  @Inject DecisionRestore decisions;

  void afterSync(@Observes @Priority(LineupSynced.FILTERING + 50) LineupSynced synced) {
    try {
      decisions.applyPending(synced.accountId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Restored decisions not applied after sync " + synced.runId(), e);
    }
  }
}
