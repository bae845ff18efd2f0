package dev.lineup.tag.control;

import dev.lineup.sync.control.LineupSynced;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tags a freshly synced lineup ({@code TAGS_AUTO_PROCESS}) while the sync still holds the account's
 * lock, first of what follows a sync, so it is never left untagged and nothing changes meanwhile.
 */
@ApplicationScoped
public class SyncTagging {
  private static final Logger LOG = Logger.getLogger(SyncTagging.class.getName());

  @Inject TagProcessing processing;

  void tag(@Observes @Priority(LineupSynced.TAGGING) LineupSynced synced) {
    if (!synced.tag()) {
      return;
    }
    try {
      synced.tagged(processing.process(synced.accountId(), true));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Tag processing after sync run " + synced.runId() + " failed", e);
      synced.tagged(
          Map.of("success", false, "error", "Tag processing failed; see the server log."));
    }
  }
}
