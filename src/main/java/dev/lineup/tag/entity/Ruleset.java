package dev.lineup.tag.entity;

import dev.lineup.platform.Entities;
import dev.lineup.platform.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A named, ordered set of tag rules that accounts use. */
@Entity
@Table(name = "rulesets")
@NamedQuery(name = Ruleset.ALL, query = "SELECT r FROM Ruleset r ORDER BY r.priority, r.id")
@NamedQuery(
    name = Ruleset.BY_NAME,
    query = "SELECT r FROM Ruleset r WHERE r.name = :name AND r.id <> :exceptId")
public class Ruleset extends Timestamped {
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

  protected Ruleset() {}

  /** The ruleset with this id; a 404 problem when there is none. */
  public static Ruleset require(EntityManager em, long id) {
    return Entities.require(em, Ruleset.class, id, "Ruleset");
  }

  /**
   * A 409 problem (naming the field) when another ruleset than {@code exceptId} (-1: none) has this
   * name.
   */
  public static void requireUniqueName(EntityManager em, String name, long exceptId) {
    Entities.requireUniqueName(em, Ruleset.class, name, exceptId, "A ruleset");
  }

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
}
