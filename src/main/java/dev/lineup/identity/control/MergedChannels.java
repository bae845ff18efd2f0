package dev.lineup.identity.control;

import dev.lineup.channel.control.ChannelSelection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;

/**
 * Which channels are one channel from several sources: those with the same merge key. The key is a
 * person's group or split ({@code channel_merges}), else the guide channel the channel is mapped
 * to, else its country and normalised name as the matcher computed them, else the channel itself.
 * Within a group, sources go in a person's order, then by account, then by channel id.
 */
public final class MergedChannels {
  private MergedChannels() {}

  /** The joins {@link #KEY} and {@link #POSITION} need, on channels {@code c}. */
  public static final String JOINS =
      " LEFT JOIN channel_guides mg ON mg.channel_id = c.id"
          + " LEFT JOIN channel_merges cm ON cm.channel_id = c.id";

  /** A channel's merge key. */
  public static final String KEY =
      "COALESCE(cm.merge_key, CASE"
          + " WHEN mg.status IN ('auto', 'manual') AND mg.guide_channel_id IS NOT NULL"
          + " THEN CONCAT('g:', mg.guide_channel_id)"
          + " WHEN mg.name_key IS NOT NULL THEN CONCAT('n:', mg.name_key)"
          + " ELSE CONCAT('c:', c.id) END)";

  /** A source's place in its group: a person's, else after them. */
  public static final String POSITION = "COALESCE(cm.position, 1000000)";

  /** The order of sources: by key, then the source order. */
  public static final String SOURCE_ORDER = " ORDER BY mkey, " + POSITION + ", c.account_id, c.id";

  /**
   * The channels of a selection that are not the first source of their group there (a bit per
   * channel id: a few hundred KB for millions of ids, whatever the number of channels).
   */
  public static BitSet secondaries(Connection connection, ChannelSelection.Sql sql)
      throws SQLException {
    BitSet skip = new BitSet();
    try (PreparedStatement query =
        connection.prepareStatement(
            sql.select()
                + "c.id, "
                + KEY
                + " AS mkey "
                + sql.from()
                + JOINS
                + sql.where()
                + SOURCE_ORDER)) {
      query.setFetchSize(1000);
      List<Object> params = sql.params();
      for (int i = 0; i < params.size(); i++) {
        query.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = query.executeQuery()) {
        String last = null;
        while (rs.next()) {
          String key = rs.getString(2);
          if (key.equals(last)) {
            long id = rs.getLong(1);
            if (id <= Integer.MAX_VALUE) {
              skip.set((int) id);
            }
          }
          last = key;
        }
      }
    }
    return skip;
  }
}
