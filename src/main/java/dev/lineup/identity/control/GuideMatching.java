package dev.lineup.identity.control;

import dev.lineup.epg.control.GuideRefresh;
import dev.lineup.epg.entity.GuideSource;
import dev.lineup.identity.entity.ChannelGuide.Status;
import dev.lineup.identity.entity.IdentityColumns;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Matches channels to guide channels ({@link GuideMatcher}) and stores the outcome in {@code
 * channel_guides}, in batches: after each sync for the account's new and changed channels, after a
 * guide is stored for every channel no person decided, and on demand. A row a person decided is
 * never written by a run (checked again in the very statement that writes, so a decision made while
 * a run goes is kept). One run at a time; requests made meanwhile are merged into the next.
 */
@ApplicationScoped
public class GuideMatching {
  private static final Logger LOG = Logger.getLogger(GuideMatching.class.getName());
  private static final int BATCH = 1_000;

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  @Resource ManagedExecutorService executor;
  @Inject GuideCatalogue catalogue;
  @Inject GuideCoverage coverage;
  @Inject Event<ChannelsChanged> changed;

  /** What one run did. */
  public record Outcome(int looked, int auto, int review, int unmatched, long millis) {
    Outcome plus(Outcome o) {
      return new Outcome(
          looked + o.looked, auto + o.auto, review + o.review, unmatched + o.unmatched, millis);
    }
  }

  /** Which channels a run looks at. */
  public record Scope(Long accountId, boolean everything) {
    /** New and changed channels of one account (after its sync). */
    public static Scope changedOf(long accountId) {
      return new Scope(accountId, false);
    }

    /** Every channel of one account, or of all (null), that no person decided. */
    public static Scope all(Long accountId) {
      return new Scope(accountId, true);
    }
  }

  private final Object lock = new Object();
  private final Set<Scope> pending = new HashSet<>();
  private boolean scheduled;

  /** Runs {@code scope} in the background, merged with other requests waiting. */
  public void later(Scope scope) {
    synchronized (pending) {
      pending.add(scope);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    executor.execute(this::drain);
  }

  private void drain() {
    while (true) {
      List<Scope> scopes;
      synchronized (pending) {
        if (pending.isEmpty()) {
          scheduled = false;
          return;
        }
        scopes = merged(pending);
        pending.clear();
      }
      for (Scope scope : scopes) {
        try {
          run(scope);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Guide matching (" + scope + ") failed", e);
        }
      }
    }
  }

  /** "Everything" covers every other request. */
  private static List<Scope> merged(Set<Scope> scopes) {
    if (scopes.contains(Scope.all(null))) {
      return List.of(Scope.all(null));
    }
    return List.copyOf(scopes);
  }

  /** Runs one scope now (after any run going on) and answers what it did. */
  public Outcome run(Scope scope) {
    synchronized (lock) {
      long start = System.nanoTime();
      GuideCatalogue.Snapshot guides = catalogue.snapshot();
      Matchers matcher = new Matchers(guides.channels());
      Outcome outcome;
      Set<Long> accounts = new HashSet<>();
      try {
        outcome = match(scope, matcher, accounts);
      } catch (SQLException e) {
        throw new IllegalStateException("Could not store guide matches", e);
      }
      outcome =
          new Outcome(
              outcome.looked(),
              outcome.auto(),
              outcome.review(),
              outcome.unmatched(),
              (System.nanoTime() - start) / 1_000_000);
      coverage.record(scope.accountId());
      for (Long account : accounts) {
        changed.fire(new ChannelsChanged(account));
      }
      Outcome done = outcome;
      LOG.info(
          () ->
              "Guide matching ("
                  + (scope.accountId() == null ? "all accounts" : "account " + scope.accountId())
                  + (scope.everything() ? ", every undecided channel" : ", new and changed")
                  + ") against "
                  + guides.channels().size()
                  + " guide channels of "
                  + guides.guides().size()
                  + " guides: "
                  + done.looked()
                  + " channels, "
                  + done.auto()
                  + " auto, "
                  + done.review()
                  + " to review, "
                  + done.unmatched()
                  + " unmatched, in "
                  + done.millis()
                  + " ms");
      return outcome;
    }
  }

  /**
   * One matcher per account, built when its channels come: the account's own guide and the guide
   * sources. Another account's guide is another provider's: a channel is not matched into it (a
   * person may still map one there).
   */
  private static final class Matchers {
    private final List<GuideMatcher.GuideChannel> all;
    private String guide;
    private GuideMatcher matcher;

    Matchers(List<GuideMatcher.GuideChannel> all) {
      this.all = all;
    }

    GuideMatcher of(String own) {
      if (!own.equals(guide)) {
        guide = own;
        matcher =
            new GuideMatcher(
                all.stream()
                    .filter(
                        c ->
                            c.guide().equals(own) || c.guide().startsWith(GuideSource.GUIDE_PREFIX))
                    .toList());
      }
      return matcher;
    }
  }

  private Outcome match(Scope scope, Matchers matchers, Set<Long> accounts) throws SQLException {
    String sql =
        "SELECT c.id, c.account_id, c.name, c.epg_channel_id, c.fingerprint, cat.name,"
            + " cg.status, cg.guide, cg.guide_channel_id"
            + " FROM channels c"
            + " LEFT JOIN categories cat"
            + " ON cat.account_id = c.account_id AND cat.category_id = c.category_id"
            + " LEFT JOIN channel_guides cg ON cg.channel_id = c.id"
            + " WHERE c.is_active"
            + (scope.accountId() == null ? "" : " AND c.account_id = ?")
            + " AND (cg.channel_id IS NULL OR (NOT cg.by_person"
            + (scope.everything() ? "" : " AND cg.channel_fingerprint <> c.fingerprint")
            + "))"
            + " ORDER BY c.account_id";
    Outcome outcome = new Outcome(0, 0, 0, 0, 0);
    try (Connection reading = dataSource.getConnection();
        Connection writing = dataSource.getConnection();
        PreparedStatement query = reading.prepareStatement(sql)) {
      query.setFetchSize(BATCH);
      if (scope.accountId() != null) {
        query.setLong(1, scope.accountId());
      }
      List<Row> batch = new ArrayList<>(BATCH);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          long accountId = rs.getLong(2);
          String own = GuideRefresh.guide(accountId);
          String epg = rs.getString(4);
          Optional<GuideMatcher.Match> match =
              matchers.of(own).match(rs.getString(3), epg, rs.getString(6), own);
          Row row =
              Row.of(
                  rs.getLong(1), rs.getLong(5), match, nameKey(rs.getString(3), rs.getString(6)));
          String before = shown(rs.getString(7), rs.getString(8), rs.getString(9), epg, own);
          if (!before.equals(
              shown(row.status().code(), row.guide(), row.guideChannelId(), epg, own))) {
            accounts.add(accountId); // what players are told changes
          }
          batch.add(row);
          outcome = outcome.plus(row.counted());
          if (batch.size() == BATCH) {
            write(writing, batch);
          }
        }
      }
      write(writing, batch);
    }
    return outcome;
  }

  /**
   * What outputs make of a channel's guide: the mapped guide channel when it applies, else the
   * provider's id looked up in the account's own guide (which a sure match of that very id there
   * changes nothing to).
   */
  private static String shown(
      String status, String guide, String guideChannelId, String epg, String own) {
    boolean applies = "auto".equals(status) || "manual".equals(status);
    if (!applies || (own.equals(guide) && guideChannelId != null && guideChannelId.equals(epg))) {
      return "provider|" + epg;
    }
    return guide + "|" + guideChannelId;
  }

  /** One channel's outcome as stored. */
  private record Row(
      long channelId,
      long fingerprint,
      Status status,
      String guide,
      String guideChannelId,
      Double score,
      String reason,
      String nameKey) {
    static Row of(
        long channelId, long fingerprint, Optional<GuideMatcher.Match> match, String nameKey) {
      if (match.isEmpty()) {
        return new Row(channelId, fingerprint, Status.UNMATCHED, null, null, null, null, nameKey);
      }
      GuideMatcher.Match m = match.get();
      return new Row(
          channelId,
          fingerprint,
          m.score() >= GuideMatcher.AUTO ? Status.AUTO : Status.REVIEW,
          m.guide(),
          m.channelId(),
          Math.min(1.0, m.score()),
          cut(m.reason()),
          nameKey);
    }

    Outcome counted() {
      return new Outcome(
          1,
          status == Status.AUTO ? 1 : 0,
          status == Status.REVIEW ? 1 : 0,
          status == Status.UNMATCHED ? 1 : 0,
          0);
    }
  }

  /**
   * What merges a channel without a guide with others: its country (from its name, else its
   * category) and normalised name; null without a name.
   */
  static String nameKey(String name, String category) {
    ChannelNames.Normalised n = ChannelNames.normalise(name);
    if (n.key().isEmpty()) {
      return null;
    }
    String country = n.country();
    if (country == null && category != null) {
      country = ChannelNames.normalise(category).country();
    }
    return cut((country == null ? "" : country) + "|" + n.key());
  }

  private static String cut(String text) {
    return text == null || text.length() <= 255 ? text : text.substring(0, 255);
  }

  /**
   * Stores a batch in one statement; a row a person decided meanwhile keeps every column (MariaDB
   * applies the assignments left to right, and {@code by_person} is not among them).
   */
  private static void write(Connection connection, List<Row> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder sql =
        new StringBuilder(
            // IGNORE: a channel deleted since it was read (its account, a purge) is skipped
            "INSERT IGNORE INTO channel_guides (channel_id, status, guide, guide_channel_id, score, reason,"
                + " channel_fingerprint, name_key, updated_at) VALUES ");
    for (int i = 0; i < batch.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,UTC_TIMESTAMP(3))");
    }
    // updated_at first: the assignments run left to right, and it tells when the mapping changed
    sql.append(
        " ON DUPLICATE KEY UPDATE updated_at = IF(by_person OR (status <=> VALUES(status)"
            + " AND guide <=> VALUES(guide) AND guide_channel_id <=> VALUES(guide_channel_id)),"
            + " updated_at, VALUES(updated_at)), name_key = VALUES(name_key),");
    String[] columns = {
      "status", "guide", "guide_channel_id", "score", "reason", "channel_fingerprint"
    };
    for (int i = 0; i < columns.length; i++) {
      sql.append(i == 0 ? " " : ", ")
          .append(columns[i])
          .append(" = IF(by_person, ")
          .append(columns[i])
          .append(", VALUES(")
          .append(columns[i])
          .append("))");
    }
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      int p = 1;
      for (Row row : batch) {
        insert.setLong(p++, row.channelId());
        insert.setString(p++, row.status().code());
        insert.setString(p++, row.guide());
        insert.setString(p++, row.guideChannelId());
        insert.setBigDecimal(
            p++,
            row.score() == null
                ? null
                : BigDecimal.valueOf(row.score()).setScale(3, RoundingMode.HALF_UP));
        insert.setString(p++, row.reason());
        insert.setLong(p++, row.fingerprint());
        insert.setString(p++, row.nameKey());
      }
      retried(insert);
    }
    // What outputs read, copied onto the channels (IdentityColumns)
    try (PreparedStatement refresh =
        connection.prepareStatement(IdentityColumns.refreshIds(batch.size()))) {
      int p = 1;
      for (Row row : batch) {
        refresh.setLong(p++, row.channelId());
      }
      retried(refresh);
    }
    batch.clear();
  }

  /**
   * Runs a statement of its own (autocommit), again when the database chose it as a deadlock's
   * victim or its lock wait timed out (a person's decision on the same channels): a few times.
   */
  private static void retried(PreparedStatement statement) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        statement.executeUpdate();
        return;
      } catch (SQLException e) {
        boolean contention = Sql.deadlock(e) || e.getErrorCode() == 1205; // or a lock wait timeout
        if (!contention || attempt == 3) {
          throw e;
        }
        LOG.info(() -> "Guide matching: a batch met a person's change, written again");
      }
    }
  }
}
