package dev.lineup.platform;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** An entity that records when it was created and last changed (UTC, whole seconds). */
@MappedSuperclass
public abstract class Timestamped {
  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @PrePersist
  void onCreate() {
    createdAt = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    updatedAt = createdAt;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
  }

  /** A UTC time as ISO-8601 with its Z ("2026-11-26T05:49:31Z"), or null. */
  public static String iso(LocalDateTime utc) {
    return utc == null ? null : utc.atOffset(ZoneOffset.UTC).toString();
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
