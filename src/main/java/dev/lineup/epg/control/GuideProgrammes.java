package dev.lineup.epg.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One channel's programmes from the stored guides (a player's "now and next"), through each guide's
 * {@link ProgrammeIndex}. An index is built in the background once its guide is stored, and at the
 * first question about a guide that has none yet, or an older one (a guide stored before this
 * version): that question waits for it, and so do others about the same guide meanwhile.
 */
@ApplicationScoped
public class GuideProgrammes {
  private static final Logger LOG = Logger.getLogger(GuideProgrammes.class.getName());

  @Inject GuideRefresh guides;
  @Resource ManagedExecutorService executor;

  /** One lock per guide, so one caller builds its index and the others wait for it. */
  private final Map<String, Object> building = new ConcurrentHashMap<>();

  /** The guide files (size and time) whose index could not be built: not tried again. */
  private final Map<String, String> failed = new ConcurrentHashMap<>();

  private static String stamp(Path guide) throws IOException {
    return Files.size(guide) + "@" + Files.getLastModifiedTime(guide).toMillis();
  }

  /**
   * The programmes of channel {@code channelId} in the guide {@code key}, by start time. An index
   * found damaged is built again once; a guide whose index could not be built is not tried again
   * until it is stored anew.
   *
   * @throws IOException when the guide cannot be indexed or read
   */
  public List<ProgrammeIndex.Programme> of(String key, String channelId) throws IOException {
    XmltvStore store = guides.guides();
    if (!store.has(key)) {
      return List.of();
    }
    ProgrammeIndex index = store.index(key);
    if (!index.current(store.file(key))) {
      build(store, key);
    }
    try {
      return index.programmes(channelId);
    } catch (IOException damaged) {
      LOG.warning(() -> "Programme index of guide " + key + " damaged, built again: " + damaged);
      Files.deleteIfExists(index.file());
      build(store, key);
      return index.programmes(channelId);
    }
  }

  /** A guide was stored: its index is built soon, in the background. */
  void buildLater(@Observes GuideStored stored) {
    String key = stored.key();
    executor.execute(
        () -> {
          try {
            XmltvStore store = guides.guides();
            if (store.has(key)) {
              build(store, key); // which does nothing when the index is current
            }
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Programme index of guide " + key + " not built", e);
          }
        });
  }

  private void build(XmltvStore store, String key) throws IOException {
    Object lock = building.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      Path guide = store.file(key);
      ProgrammeIndex index = store.index(key);
      if (index.current(guide)) {
        return; // built by another caller meanwhile
      }
      String stamp = stamp(guide);
      if (stamp.equals(failed.get(key))) {
        throw new IOException("the programme index of guide " + key + " could not be built");
      }
      long start = System.nanoTime();
      try {
        index.build(guide, sink -> store.programmes(key, sink));
      } catch (IOException | RuntimeException e) {
        failed.put(key, stamp);
        throw e;
      }
      failed.remove(key);
      LOG.info(
          () ->
              "Programme index of guide "
                  + key
                  + " built in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms");
    }
  }
}
