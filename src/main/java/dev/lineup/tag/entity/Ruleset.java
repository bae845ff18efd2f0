package dev.lineup.tag.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A named, ordered set of tag rules that accounts use. */
@Entity
@Table(name = "rulesets")
@NamedQuery(name = Ruleset.ALL, query = "SELECT r FROM Ruleset r ORDER BY r.priority, r.id")
@NamedQuery(
    name = Ruleset.BY_NAME,
    query = "SELECT r FROM Ruleset r WHERE r.name = :name AND r.id <> :exceptId")
public class Ruleset {
  public static final String ALL = "Ruleset.all";
  public static final String BY_NAME = "Ruleset.byName";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  private String description;

  @Column(name = "is_default")
  private boolean isDefault;

  private boolean enabled = true;

  private int priority = 100;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected Ruleset() {}

  public Ruleset(
      String name, String description, boolean isDefault, boolean enabled, int priority) {
    update(name, description, isDefault, enabled, priority);
  }

  public final void update(
      String name, String description, boolean isDefault, boolean enabled, int priority) {
    this.name = name;
    this.description = description;
    this.isDefault = isDefault;
    this.enabled = enabled;
    this.priority = priority;
  }

  @PrePersist
  void onCreate() {
    createdAt = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    updatedAt = createdAt;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public boolean isDefault() {
    return isDefault;
  }

  public boolean enabled() {
    return enabled;
  }

  public int priority() {
    return priority;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
