package dev.lineup.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Which guide channel a channel shows, and who said so (see the {@code channel_guides} table). The
 * matcher writes these rows in bulk; a person's decision ({@link #set}, {@link #confirm}, {@link
 * #clear}) goes through this entity and marks the row {@code by_person}: no run changes it after.
 */
@Entity
@Table(name = "channel_guides")
public class ChannelGuide {
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

  @Id
  @Column(name = "channel_id")
  private long channelId;

  @Column(nullable = false, length = 16)
  private String status;

  @Column(name = "by_person", nullable = false)
  private boolean byPerson;

  @Column(length = 64)
  private String guide;

  @Column(name = "guide_channel_id", length = 255)
  private String guideChannelId;

  private BigDecimal score;

  @Column(length = 255)
  private String reason;

  @Column(name = "channel_fingerprint", nullable = false)
  private long channelFingerprint;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected ChannelGuide() {}

  /** A channel the matcher has not looked at yet, about to get a person's decision. */
  public ChannelGuide(long channelId, long channelFingerprint) {
    this.channelId = channelId;
    this.channelFingerprint = channelFingerprint;
    this.status = Status.UNMATCHED.code();
  }

  /** A person maps the channel to this guide channel (checked to exist by the caller). */
  public void set(String guide, String guideChannelId) {
    decided(Status.MANUAL, guide, guideChannelId, "set by a person");
  }

  /**
   * A person accepts the matcher's proposal (or its sure match) as it stands.
   *
   * @return false when there is nothing to confirm
   */
  public boolean confirm() {
    if (guideChannelId == null) {
      return false;
    }
    decided(Status.MANUAL, guide, guideChannelId, "confirmed by a person");
    return true;
  }

  /** A person says the channel has no guide (a proposal rejected, or a mapping removed). */
  public void clear() {
    decided(Status.UNMATCHED, null, null, "no guide, by a person");
  }

  private void decided(Status status, String guide, String guideChannelId, String reason) {
    this.status = status.code();
    this.byPerson = true;
    this.guide = guide;
    this.guideChannelId = guideChannelId;
    this.score = null;
    this.reason = reason;
    this.updatedAt = LocalDateTime.now(ZoneOffset.UTC);
  }

  public long channelId() {
    return channelId;
  }

  public Status status() {
    return Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
  }

  public boolean byPerson() {
    return byPerson;
  }

  public String guide() {
    return guide;
  }

  public String guideChannelId() {
    return guideChannelId;
  }

  public Double score() {
    return score == null ? null : score.doubleValue();
  }

  public String reason() {
    return reason;
  }
}
