package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ClusterEvents;
import dev.lineup.platform.PublicUrl;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Validators ({@code ETag}, {@code Last-Modified}) of the player URLs, made from what their output
 * is made of — the playlist's settings, its accounts, when their channels last changed and the
 * stored guides — so a player that asks again for an unchanged playlist gets a 304 before a single
 * channel is read.
 *
 * <p>Channel changes are counted in the database ({@code change_counters}, by {@link ClusterEvents}
 * once each change committed), and read once per answer: every server sharing the database gives
 * the same ETag for the same content, and a change made through one server moves the ETag on all of
 * them at once. The build (and {@code PUBLIC_URL}) is part of every ETag, so a new version of
 * Lineup never answers 304 for what an older one wrote.
 */
@ApplicationScoped
public class Freshness {
  private static final Logger LOG = Logger.getLogger(Freshness.class.getName());
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** What every answer of this build starts from. */
  private static final String BUILD = build();

  private record Change(long version, Instant at) {}

  @Resource(lookup = "jdbc/lineup")
  DataSource dataSource;

  private static String build() {
    Properties properties = new Properties();
    try (InputStream in = Freshness.class.getResourceAsStream("/lineup-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      LOG.warning("Could not read lineup-build.properties: " + e.getMessage());
    }
    return properties.getProperty("build", "unknown");
  }

  /** The counted changes, read now. */
  private Map<String, Change> counters() {
    Map<String, Change> counters = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT scope, version, changed_at FROM change_counters");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        Timestamp at = rs.getTimestamp(3);
        counters.put(
            rs.getString(1),
            new Change(
                rs.getLong(2),
                at == null ? Instant.EPOCH : at.toLocalDateTime().toInstant(ZoneOffset.UTC)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the change counters", e);
    }
    return counters;
  }

  /** How many channel changes there were, on every server; counted before any ETag moves. */
  long changes() {
    return counters().values().stream().mapToLong(Change::version).sum();
  }

  /** A validator for one answer, starting from this build and the output's own inputs. */
  public Validator validator(String... inputs) {
    Map<String, Change> counters = counters();
    Validator validator =
        new Validator(counters).add(BUILD).add(String.valueOf(PublicUrl.VARIABLE.value()));
    Change everything = counters.get(ClusterEvents.scope(null));
    if (everything != null) {
      validator.add(Long.toString(everything.version())).modified(everything.at());
    }
    for (String input : inputs) {
      validator.add(input);
    }
    return validator;
  }

  /** Adds an account: its settings (stream URLs, name) and the last change of its channels. */
  public Validator withAccount(Validator validator, Account account) {
    Change change = validator.counters.get(ClusterEvents.scope(account.id()));
    validator
        .add(account.id() + "|" + account.updatedAt() + "|" + account.enabled())
        .modified(account.updatedAt().toInstant(ZoneOffset.UTC));
    if (change != null) {
      validator.add(Long.toString(change.version())).modified(change.at());
    }
    return validator;
  }

  /** The validators of one answer, and the comparison with a request's conditional headers. */
  public static final class Validator {
    private final MessageDigest digest;
    private Instant modified = Instant.EPOCH;
    private final Map<String, Change> counters;

    Validator(Map<String, Change> counters) {
      this.counters = counters;
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    public Validator add(String input) {
      digest.update(String.valueOf(input).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      return this;
    }

    public Validator modified(Instant at) {
      if (at != null && at.isAfter(modified)) {
        modified = at.truncatedTo(ChronoUnit.SECONDS);
      }
      return this;
    }

    private String etag;

    /**
     * A weak ETag: the same content may be sent gzip or not, byte-different but equivalent.
     * Computed once; nothing may be added afterwards.
     */
    public String etag() {
      if (etag == null) {
        byte[] hash = digest.digest();
        etag =
            "W/\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27)
                + "\"";
      }
      return etag;
    }

    public String lastModified() {
      return HTTP_DATE.format(modified.atZone(ZoneOffset.UTC));
    }

    /**
     * True when the client's copy is current: an {@code If-None-Match} that names this ETag (or
     * {@code *}), or without one, an {@code If-Modified-Since} not before the last change.
     */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
      if (ifNoneMatch != null) {
        String mine = opaque(etag());
        for (String tag : ifNoneMatch.split(",")) {
          String candidate = tag.trim();
          if (candidate.equals("*") || opaque(candidate).equals(mine)) {
            return true;
          }
        }
        return false;
      }
      if (ifModifiedSince != null) {
        try {
          Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), HTTP_DATE).toInstant();
          return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
          return false;
        }
      }
      return false;
    }

    /** The quoted part of an entity tag, for weak comparison. */
    private static String opaque(String tag) {
      return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
  }
}
