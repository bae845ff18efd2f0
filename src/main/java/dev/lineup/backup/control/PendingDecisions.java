package dev.lineup.backup.control;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.sync.control.LineupSynced;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After an account's sync, the restored decisions that waited for its channels are applied (or
 * dropped when its lineup does not have them), before the playlists are numbered or matched again.
 * After an account's deletion, the decisions that name it are dropped.
 */
@ApplicationScoped
public class PendingDecisions {
  private static final Logger LOG = Logger.getLogger(PendingDecisions.class.getName());

  @Inject DecisionRestore decisions;
  @Inject Event<ChannelsChanged> changed;

  /** A deleted account's waiting decisions can never apply. */
  void afterDeletion(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    try {
      decisions.dropNaming(deleted.account().name());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Waiting decisions of a deleted account not dropped", e);
    }
  }

  void afterSync(@Observes @Priority(LineupSynced.FILTERING + 50) LineupSynced synced) {
    boolean applied = false;
    try {
      for (long id : decisions.pendingIds()) {
        try {
          applied |= decisions.applyPending(id, synced.accountId());
        } catch (RuntimeException e) {
          // One that cannot be applied must not hold the others back, sync after sync
          LOG.log(Level.WARNING, "Restored decision " + id + " dropped: it failed to apply", e);
          decisions.drop(id);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Restored decisions not applied after sync " + synced.runId(), e);
    }
    if (applied) {
      changed.fire(ChannelsChanged.all());
    }
  }
}
