package dev.lineup.playlist.control;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.ChannelsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validators ({@code ETag}, {@code Last-Modified}) of the player URLs, made from what their output
 * is made of — the playlist's settings, its accounts, when their channels last changed (the {@link
 * ChannelsChanged} events of syncs, tag runs and filters) and the stored guides — so a player that
 * asks again for an unchanged playlist gets a 304 before a single channel is read.
 *
 * <p>Changes are counted in memory: a restart changes every ETag (one full download each), never
 * the other way round. A second server writing the same database would not see this one's events;
 * Lineup runs as one server.
 */
@ApplicationScoped
public class Freshness {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private record Change(long sequence, Instant at) {}

  private final String instance;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Long, Change> changes = new ConcurrentHashMap<>();
  private volatile Change everything;

  public Freshness() {
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    instance = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    everything = new Change(0, now());
  }

  /**
   * After the change committed: a download in between must not keep old content under a new ETag.
   */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelsChanged event) {
    Change change = new Change(sequence.incrementAndGet(), now());
    if (event.accountId() == null) {
      everything = change;
    } else {
      changes.put(event.accountId(), change);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** How many channel changes this server has seen; counted before any ETag moves. */
  long changes() {
    return sequence.get();
  }

  /** A validator for one answer, starting from this server's run and the output's own inputs. */
  public Validator validator(String... inputs) {
    Validator validator = new Validator().add(instance).modified(everything.at());
    validator.add(Long.toString(everything.sequence()));
    for (String input : inputs) {
      validator.add(input);
    }
    return validator;
  }

  /** Adds an account: its settings (stream URLs, name) and the last change of its channels. */
  public Validator withAccount(Validator validator, Account account) {
    Change change = changes.get(account.id());
    validator
        .add(account.id() + "|" + account.updatedAt() + "|" + account.enabled())
        .modified(account.updatedAt().toInstant(ZoneOffset.UTC));
    if (change != null) {
      validator.add(Long.toString(change.sequence())).modified(change.at());
    }
    return validator;
  }

  /** The validators of one answer, and the comparison with a request's conditional headers. */
  public static final class Validator {
    private final MessageDigest digest;
    private Instant modified = Instant.EPOCH;

    Validator() {
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
