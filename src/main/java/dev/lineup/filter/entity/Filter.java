package dev.lineup.filter.entity;

import dev.lineup.filter.control.FilterSet;
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

/** One filter of an account (see {@link FilterSet} for what it means). */
@Entity
@Table(name = "filters")
@NamedQuery(name = Filter.ALL, query = "SELECT f FROM Filter f ORDER BY f.accountId, f.id")
@NamedQuery(
    name = Filter.OF_ACCOUNT,
    query = "SELECT f FROM Filter f WHERE f.accountId = :account ORDER BY f.id")
public class Filter extends Timestamped {
  public static final String ALL = "Filter.all";
  public static final String OF_ACCOUNT = "Filter.ofAccount";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "filter_type", nullable = false)
  private String type;

  @Column(name = "filter_action", nullable = false)
  private String action;

  @Column(name = "filter_value", nullable = false, length = 2000)
  private String value;

  private boolean enabled = true;

  protected Filter() {}

  /** The filter with this id; a 404 problem when there is none. */
  public static Filter require(EntityManager em, long id) {
    return Entities.require(em, Filter.class, id, "Filter");
  }

  public Filter(long accountId) {
    this.accountId = accountId;
  }

  public void apply(
      String name, FilterSet.Type type, FilterSet.Action action, String value, boolean enabled) {
    this.name = name;
    this.type = type.code();
    this.action = action.code();
    this.value = value;
    this.enabled = enabled;
  }

  /** The enabled filters of a list, ready to evaluate. */
  public static java.util.List<FilterSet.Filter> evaluable(java.util.List<Filter> filters) {
    return filters.stream().filter(Filter::enabled).map(Filter::evaluable).toList();
  }

  /** The filter ready to evaluate. */
  public FilterSet.Filter evaluable() {
    return FilterSet.Filter.of(
        FilterSet.Type.fromCode(type).orElseThrow(),
        FilterSet.Action.fromCode(action).orElseThrow(),
        value);
  }

  public Long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public String action() {
    return action;
  }

  public String value() {
    return value;
  }

  public boolean enabled() {
    return enabled;
  }
}
