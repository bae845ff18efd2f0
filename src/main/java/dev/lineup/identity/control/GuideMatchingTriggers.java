package dev.lineup.identity.control;

import dev.lineup.account.control.AccountDeleted;
import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.GuideSourceChanged;
import dev.lineup.epg.control.GuideSourceDeleted;
import dev.lineup.epg.control.GuideStored;
import dev.lineup.identity.entity.IdentityColumns;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.sync.control.LineupSynced;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * When channels look for their guide ({@link GuideMatching} does the looking): after a sync, a
 * guide stored anew, a source changed or deleted, an account deleted, a channel handed back by a
 * person; and what those events take along from {@code channel_guides} first.
 */
@ApplicationScoped
public class GuideMatchingTriggers {
  private static final Logger LOG = Logger.getLogger(GuideMatchingTriggers.class.getName());

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject GuideMatching matching;
  @Inject Event<ChannelsChanged> changed;
  @PersistenceContext EntityManager em;

  /** A synced lineup's new and changed channels look for their guide, in the background. */
  void afterSync(@Observes @Priority(LineupSynced.FOLLOWING) LineupSynced synced) {
    matching.later(GuideMatching.Scope.changedOf(synced.accountId()));
  }

  /** A guide stored anew may hold what channels missed: every undecided channel looks again. */
  void afterGuide(@Observes(during = TransactionPhase.AFTER_COMPLETION) GuideStored stored) {
    matching.later(GuideMatching.Scope.all(null));
  }

  /**
   * A deleted guide source takes its matches along (in the deleting transaction); the channels look
   * again once it is gone.
   */
  void sourceDeleted(@Observes GuideSourceDeleted deleted) {
    em.createNativeQuery(IdentityColumns.FORGET_GUIDE)
        .setParameter(1, deleted.guide())
        .setParameter(2, deleted.guide())
        .executeUpdate();
    em.createNativeQuery("DELETE FROM channel_guides WHERE guide = ?")
        .setParameter(1, deleted.guide())
        .executeUpdate();
  }

  /** Players are told at once that channels lost their guide; then the channels look again. */
  void afterSourceDeleted(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) GuideSourceDeleted deleted) {
    changed.fire(ChannelsChanged.all());
    matching.later(GuideMatching.Scope.all(null));
  }

  /** A source enabled, disabled or given another priority: every undecided channel looks again. */
  void afterSourceChange(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) GuideSourceChanged source) {
    if (source.rematch()) {
      matching.later(GuideMatching.Scope.all(null));
    }
  }

  /**
   * A deleted account's guide takes the mappings into it along (its own channels go with it); the
   * other channels look again once it is gone.
   */
  void accountDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted deleted) {
    String guide = GuideRefresh.guide(deleted.account().id());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement forget = connection.prepareStatement(IdentityColumns.FORGET_GUIDE);
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM channel_guides WHERE guide = ?")) {
      forget.setString(1, guide);
      forget.setString(2, guide);
      forget.executeUpdate();
      delete.setString(1, guide);
      if (delete.executeUpdate() > 0) {
        changed.fire(ChannelsChanged.all());
        matching.later(GuideMatching.Scope.all(null));
      }
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "Mappings into the guide of deleted account " + deleted.account().id() + " kept",
          e);
    }
  }

  /** Channels a person handed back look for their guide once that committed. */
  void afterForgotten(@Observes(during = TransactionPhase.AFTER_SUCCESS) GuideForgotten forgotten) {
    matching.later(GuideMatching.Scope.changedOf(forgotten.accountId()));
  }
}
