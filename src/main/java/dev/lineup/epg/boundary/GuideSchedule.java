package dev.lineup.epg.boundary;

import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.platform.Leases;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Refreshes the guide sources that are due ({@code refresh_hours} since their guide was stored, or
 * never stored; an hour after a failed fetch), checked every ten minutes, the first time a minute
 * after start. Every server checks (a timer that is not persistent); with several servers sharing
 * the guides' folder, the one that claims a due source first fetches it ({@link Leases#claim}), the
 * others see it stored.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class GuideSchedule {
  private static final Logger LOG = Logger.getLogger(GuideSchedule.class.getName());
  private static final long FIRST_MS = 60_000;
  private static final long EVERY_MS = 10 * 60_000;

  @Resource TimerService timers;
  @PersistenceContext EntityManager em;
  @Inject GuideRefresh refresh;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(FIRST_MS, EVERY_MS, new TimerConfig("lineup-guide-sources", false));
  }

  /** Whether this server fetches the source now (no other server claimed it in ten minutes). */
  private boolean claim(GuideSource source) {
    try (Connection connection = dataSource.getConnection()) {
      return Leases.claim(connection, "guide.source." + source.id(), EVERY_MS / 1000);
    } catch (SQLException e) {
      LOG.warning(() -> "Guide source " + source.id() + " not refreshed now: " + e.getMessage());
      return false;
    }
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void check() {
    XmltvStore guides = refresh.guides();
    Instant now = Instant.now();
    for (GuideSource source : GuideSource.all(em)) {
      XmltvStore.Failure failure = guides.failure(source.key());
      boolean failedLately = failure != null && failure.at().isAfter(now.minusSeconds(3600));
      if (!failedLately && source.due(guides.storedAt(source.key()), now) && claim(source)) {
        refresh.refreshSourceLater(source.id());
      }
    }
  }
}
