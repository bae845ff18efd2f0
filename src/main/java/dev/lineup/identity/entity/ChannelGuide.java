package dev.lineup.identity.entity;

import jakarta.persistence.EntityManager;

/**
 * Which guide channel a channel shows, and who said so: the {@code channel_guides} rows. The
 * matcher writes these rows in bulk; a person's decision ({@link #set}, {@link #confirm}, {@link
 * #clear}) is one statement each, so a run writing the same row meanwhile cannot make it fail, and
 * marks the row {@code by_person}: no run changes it after.
 */
public final class ChannelGuide {
  /** Where a channel's guide stands. */
  public enum Status {
    /** The matcher was sure: outputs use it. */
    AUTO,
    /** A proposal waiting for a person: outputs do not use it yet. */
    REVIEW,
    /** A person set or confirmed it: outputs use it. */
    MANUAL,
    /** No guide: nothing good enough was found, or (by a person) none is wanted. */
    UNMATCHED;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private ChannelGuide() {}

  /**
   * A person maps the channel to this guide channel (checked to exist by the caller), whatever a
   * matching run wrote meanwhile: one statement that inserts or replaces the row.
   */
  public static boolean set(EntityManager em, long channelId, String guide, String guideChannelId) {
    return decide(em, channelId, Status.MANUAL, guide, guideChannelId, "set by a person");
  }

  /** A person says the channel has no guide (a proposal rejected, or a mapping removed). */
  public static boolean clear(EntityManager em, long channelId) {
    return decide(em, channelId, Status.UNMATCHED, null, null, "no guide, by a person");
  }

  /**
   * A person accepts the guide channel the channel has now (a proposal or a sure match), in one
   * statement.
   *
   * @return false when there is nothing to confirm
   */
  public static boolean confirm(EntityManager em, long channelId) {
    lock(em, channelId);
    boolean confirmed =
        em.createNativeQuery(
                    "UPDATE channel_guides SET status = 'manual', by_person = TRUE, score = NULL,"
                        + " reason = 'confirmed by a person', updated_at = UTC_TIMESTAMP(3)"
                        + " WHERE channel_id = ? AND guide_channel_id IS NOT NULL")
                .setParameter(1, channelId)
                .executeUpdate()
            > 0;
    refresh(em, channelId);
    return confirmed;
  }

  /**
   * Locks the channel's row before its guide row is written: the copy onto it comes after, and a
   * matching run's copy locks channels first too (the same order: no deadlock).
   */
  private static void lock(EntityManager em, long channelId) {
    em.createNativeQuery("SELECT id FROM channels WHERE id = ? FOR UPDATE")
        .setParameter(1, channelId)
        .getResultList();
  }

  /** Copies the channel's identity onto its row ({@link IdentityColumns}). */
  private static void refresh(EntityManager em, long channelId) {
    em.createNativeQuery(IdentityColumns.refreshIds(1)).setParameter(1, channelId).executeUpdate();
  }

  /** Hands the channel back to the matcher: its row goes, the next run matches it. */
  public static void forget(EntityManager em, long channelId) {
    lock(em, channelId);
    em.createNativeQuery("DELETE FROM channel_guides WHERE channel_id = ?")
        .setParameter(1, channelId)
        .executeUpdate();
    refresh(em, channelId);
  }

  /** False when the channel is gone. */
  private static boolean decide(
      EntityManager em,
      long channelId,
      Status status,
      String guide,
      String guideChannelId,
      String reason) {
    lock(em, channelId);
    boolean decided =
        em.createNativeQuery(
                    "INSERT INTO channel_guides (channel_id, status, by_person, guide, guide_channel_id,"
                        + " score, reason, channel_fingerprint, updated_at)"
                        + " SELECT id, ?, TRUE, ?, ?, NULL, ?, fingerprint, UTC_TIMESTAMP(3)"
                        + " FROM channels WHERE id = ?"
                        + " ON DUPLICATE KEY UPDATE status = VALUES(status), by_person = TRUE,"
                        + " guide = VALUES(guide), guide_channel_id = VALUES(guide_channel_id),"
                        + " score = NULL, reason = VALUES(reason), updated_at = VALUES(updated_at)")
                .setParameter(1, status.code())
                .setParameter(2, guide)
                .setParameter(3, guideChannelId)
                .setParameter(4, reason)
                .setParameter(5, channelId)
                .executeUpdate()
            > 0;
    refresh(em, channelId);
    return decided;
  }
}
