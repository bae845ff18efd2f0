package dev.lineup.epg.boundary;

import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.control.XmltvStore;
import dev.lineup.epg.entity.GuideSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Refreshes the guide sources that are due ({@code refresh_hours} since their guide was stored, or
 * never stored; an hour after a failed fetch), checked every ten minutes, the first time a minute
 * after start. The guides live on this server's disk, so each server checks its own (a timer that
 * is not persistent).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class GuideSchedule {
  private static final long FIRST_MS = 60_000;
  private static final long EVERY_MS = 10 * 60_000;

  @Resource TimerService timers;
  @PersistenceContext EntityManager em;
  @Inject GuideRefresh refresh;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(FIRST_MS, EVERY_MS, new TimerConfig("lineup-guide-sources", false));
  }

  @Timeout
  void check() {
    XmltvStore guides = refresh.guides();
    Instant now = Instant.now();
    for (GuideSource source : GuideSource.all(em)) {
      XmltvStore.Failure failure = guides.failure(source.key());
      boolean failedLately = failure != null && failure.at().isAfter(now.minusSeconds(3600));
      if (!failedLately && source.due(guides.storedAt(source.key()), now)) {
        refresh.refreshSourceLater(source.id());
      }
    }
  }
}
