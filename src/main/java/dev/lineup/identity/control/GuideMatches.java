package dev.lineup.identity.control;

import dev.lineup.epg.control.XmltvStore;
import dev.lineup.identity.entity.ChannelGuide.Status;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.QueryParams;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The channels' guides as people review them: paged, by status, account and name. */
@ApplicationScoped
public class GuideMatches {
  public static final int MAX_LIMIT = 500;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Inject GuideCatalogue catalogue;

  /** One channel and its guide. */
  public record GuideMatchView(
      long channelId,
      long accountId,
      String accountName,
      String channelName,
      String icon,
      String providerGuideId,
      String status,
      boolean byPerson,
      String guide,
      String guideName,
      String guideChannelId,
      String guideChannelName,
      Double score,
      String reason) {}

  /** How many active channels stand where. */
  public record Counts(long auto, long review, long manual, long unmatched) {}

  /** One page of channels with their guides. */
  public record GuideMatchPage(
      List<GuideMatchView> items, long total, int limit, int offset, Counts counts) {}

  /** What a page asks for; a bad value is a 400 naming the parameter. */
  public record Query(Status status, Long accountId, String search, int limit, int offset) {
    public static Query parse(
        String status, Long accountId, String search, String limit, String offset) {
      Status s = null;
      if (status != null && !status.isBlank()) {
        try {
          s = Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw ProblemException.badRequest(
              "status must be one of: auto, review, manual, unmatched.");
        }
      }
      QueryParams.Paging paging = QueryParams.paging(limit, offset, 50, MAX_LIMIT);
      String q = QueryParams.search(search);
      int l = paging.limit();
      int o = paging.offset();
      return new Query(s, accountId, q, l, o);
    }
  }

  /**
   * A LIKE pattern for names holding {@code text} as it is (its %, _ and backslash match
   * themselves).
   */
  public static String containing(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static final String FROM =
      " FROM channels c JOIN accounts a ON a.id = c.account_id"
          + " LEFT JOIN channel_guides cg ON cg.channel_id = c.id"
          + " WHERE c.is_active";

  public GuideMatchPage page(Query query) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (query.accountId() != null) {
      where.append(" AND c.account_id = ?");
      params.add(query.accountId());
    }
    if (query.search() != null) {
      where.append(" AND c.name LIKE ?");
      params.add(containing(query.search()));
    }
    String counting = where.toString();
    List<Object> countParams = List.copyOf(params);
    if (query.status() == Status.UNMATCHED) {
      where.append(" AND (cg.channel_id IS NULL OR cg.status = 'unmatched')");
    } else if (query.status() != null) {
      where.append(" AND cg.status = ?");
      params.add(query.status().code());
    }
    String order =
        query.status() == Status.REVIEW
            ? " ORDER BY cg.score DESC, c.name, c.id"
            : " ORDER BY c.name, c.id";
    GuideCatalogue.Snapshot guides = catalogue.snapshot();
    try (Connection connection = dataSource.getConnection()) {
      List<GuideMatchView> items = new ArrayList<>();
      List<Object> pageParams = new ArrayList<>(params);
      pageParams.add(query.limit());
      pageParams.add(query.offset());
      try (PreparedStatement select =
          prepare(connection, SELECT + FROM + where + order + " LIMIT ? OFFSET ?", pageParams)) {
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            items.add(view(rs, guides));
          }
        }
      }
      long total;
      try (PreparedStatement count =
          prepare(connection, "SELECT COUNT(*)" + FROM + where, params)) {
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new GuideMatchPage(
          items, total, query.limit(), query.offset(), counts(connection, counting, countParams));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read guide matches", e);
    }
  }

  /** One channel and its guide; empty when there is no such channel. */
  public Optional<GuideMatchView> one(long channelId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            prepare(
                connection,
                SELECT
                    + " FROM channels c JOIN accounts a ON a.id = c.account_id"
                    + " LEFT JOIN channel_guides cg ON cg.channel_id = c.id WHERE c.id = ?",
                List.of(channelId))) {
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(view(rs, catalogue.snapshot())) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the channel's guide", e);
    }
  }

  private static Counts counts(Connection connection, String where, List<Object> params)
      throws SQLException {
    long[] n = new long[4];
    try (PreparedStatement count =
        prepare(
            connection,
            "SELECT COALESCE(cg.status, 'unmatched'), COUNT(*)" + FROM + where + " GROUP BY 1",
            params)) {
      try (ResultSet rs = count.executeQuery()) {
        while (rs.next()) {
          n[Status.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)).ordinal()] += rs.getLong(2);
        }
      }
    }
    return new Counts(n[0], n[1], n[2], n[3]);
  }

  private static final String SELECT =
      "SELECT c.id, c.account_id, a.name, c.name, c.stream_icon, c.epg_channel_id,"
          + " COALESCE(cg.status, 'unmatched'), COALESCE(cg.by_person, FALSE), cg.guide,"
          + " cg.guide_channel_id, cg.score, cg.reason";

  private static GuideMatchView view(ResultSet rs, GuideCatalogue.Snapshot guides)
      throws SQLException {
    String guide = rs.getString(9);
    String guideChannelId = rs.getString(10);
    GuideCatalogue.Guide g = guide == null ? null : guides.guides().get(guide);
    String guideChannelName =
        guide == null || guideChannelId == null
            ? null
            : guides
                .channel(guide, guideChannelId)
                .map(XmltvStore.GuideChannel::displayNames)
                .filter(names -> !names.isEmpty())
                .map(names -> names.get(0))
                .orElse(null);
    BigDecimal score = rs.getBigDecimal(11);
    return new GuideMatchView(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        guide,
        g == null ? null : g.name(),
        guideChannelId,
        guideChannelName,
        score == null ? null : score.doubleValue(),
        rs.getString(12));
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }
}
