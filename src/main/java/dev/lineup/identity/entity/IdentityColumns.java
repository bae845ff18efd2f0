package dev.lineup.identity.entity;

/**
 * The copy of a channel's identity on its {@code channels} row, which outputs read without a join:
 * the guide it is shown with ({@code guide_mapped}, {@code guide}, {@code guide_channel_id}: a
 * mapping a person or a sure match made, a person's "no guide" included) and its merge key and
 * place ({@code merge_key}, {@code merge_position}: a person's group or split, else the guide
 * channel it is mapped to, else its country and normalised name, else none: alone).
 *
 * <p>{@code channel_guides} and {@code channel_merges} are the truth; every statement that writes
 * them is followed by {@link #refresh} for the channels it touched (or preceded by {@link
 * #FORGET_GUIDE} when rows go by guide), on the same connection. Each refresh reads the rows as
 * they are then, so concurrent writers end consistent whatever their order.
 */
public final class IdentityColumns {
  private IdentityColumns() {}

  private static final String MAPPED = "(mg.status IN ('auto', 'manual') OR mg.by_person)";

  private static String update(String guideJoin, String where) {
    return "UPDATE channels c"
        + " LEFT JOIN channel_guides mg ON mg.channel_id = c.id"
        + guideJoin
        + " LEFT JOIN channel_merges cm ON cm.channel_id = c.id"
        + " SET c.guide_mapped = (mg.channel_id IS NOT NULL AND "
        + MAPPED
        + "), c.guide = IF("
        + MAPPED
        + ", mg.guide, NULL), c.guide_channel_id = IF("
        + MAPPED
        + ", mg.guide_channel_id, NULL), c.merge_key = COALESCE(cm.merge_key, CASE"
        + " WHEN mg.status IN ('auto', 'manual') AND mg.guide_channel_id IS NOT NULL"
        + " THEN CONCAT('g:', mg.guide_channel_id)"
        + " WHEN mg.name_key IS NOT NULL THEN CONCAT('n:', mg.name_key) END),"
        + " c.merge_position = cm.position WHERE "
        + where;
  }

  /**
   * Copies the identity of the channels {@code where} selects (a condition on channels {@code c},
   * trusted text with its own parameters).
   */
  public static String refresh(String where) {
    return update("", where);
  }

  /** The refresh of channels by id, {@code count} parameters. */
  public static String refreshIds(int count) {
    return refresh("c.id IN (" + "?,".repeat(count - 1) + "?)");
  }

  /**
   * Run before a guide's rows are deleted (its source or account goes): the channels they held, as
   * if they were gone already. Parameters: the guide reference, twice.
   */
  public static final String FORGET_GUIDE =
      update(
          " AND NOT (mg.guide <=> ?)",
          "c.id IN (SELECT g.channel_id FROM channel_guides g WHERE g.guide = ?)");
}
