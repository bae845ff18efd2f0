package dev.lineup.identity.boundary;

import dev.lineup.identity.control.GuideMatches;
import dev.lineup.identity.control.MergedChannels;
import dev.lineup.identity.entity.IdentityColumns;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.ChannelsChanged;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.QueryParams;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/merged-channels}: the channels that several sources carry (the same guide channel, or
 * the same country and name), with their sources in failover order; a person groups sources ({@code
 * PUT}, in their order) or splits one off ({@code DELETE /{channel_id}}). People's choices survive
 * syncs: channels keep their ids.
 */
@Path("merged-channels")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class MergedChannelsResource {
  private static final Logger LOG = Logger.getLogger(MergedChannelsResource.class.getName());
  private static final int MAX_SOURCES = 50;

  @PersistenceContext EntityManager em;
  @Inject Event<ChannelsChanged> changed;

  /** One source of a merged channel. */
  public record Source(
      long channelId,
      long accountId,
      String accountName,
      String name,
      @Schema(description = "its place in the failover order, from 1") int position,
      @Schema(description = "a person placed it") boolean byPerson) {}

  /** A merged channel: its key, and its active sources of enabled accounts in failover order. */
  public record MergedChannel(String key, String name, List<Source> sources) {}

  /** A page of merged channels (those with two sources or more). */
  public record MergedChannelPage(List<MergedChannel> items, long total, int limit, int offset) {}

  /**
   * A group a person makes: these channels first, in this order; the other sources of their merged
   * channels follow in their order.
   */
  public record SourcesInput(
      @Schema(description = "2 to 50 different channel ids, in failover order")
          List<Long> sources) {}

  private static final String ACTIVE =
      " FROM channels c JOIN accounts a ON a.id = c.account_id AND a.enabled WHERE c.is_active";

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = MergedChannelPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  public MergedChannelPage page(
      @QueryParam("search") String search,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    QueryParams.Paging paging = QueryParams.paging(limit, offset, 50, 500);
    int l = paging.limit();
    int o = paging.offset();
    search = QueryParams.search(search);
    String having = " HAVING COUNT(*) > 1";
    List<Object> params = new ArrayList<>();
    if (search != null) {
      having += " AND SUM(c.name LIKE ?) > 0";
      params.add(GuideMatches.containing(search));
    }
    // A channel without a stored key is alone: never a group of two
    String groups =
        "SELECT c.merge_key AS mkey, MIN(c.name) AS first"
            + ACTIVE
            + " AND c.merge_key IS NOT NULL GROUP BY c.merge_key"
            + having;
    long total =
        ((Number) query("SELECT COUNT(*) FROM (" + groups + ") g", params).get(0)).longValue();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(l);
    pageParams.add(o);
    @SuppressWarnings("unchecked")
    List<Object[]> keys =
        (List<Object[]>)
            (List<?>) query(groups + " ORDER BY first, mkey LIMIT ? OFFSET ?", pageParams);
    List<String> wanted = keys.stream().map(k -> (String) k[0]).toList();
    return new MergedChannelPage(sources(wanted), total, l, o);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = SourcesInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "The group as it is now",
      content = @Content(schema = @Schema(implementation = MergedChannel.class)))
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public MergedChannel group(String body) {
    JsonBody json = JsonBody.parse(body);
    Set<Long> sources = new LinkedHashSet<>();
    JsonValue list = json.json().get("sources");
    if (!(list instanceof JsonArray array)) {
      json.reject(
          "sources", "is required: 2 to " + MAX_SOURCES + " channel ids, in failover order");
    } else {
      for (JsonValue value : array) {
        if (!(value instanceof JsonNumber number)
            || !number.isIntegral()
            || number.longValue() < 1) {
          json.reject("sources", "must hold channel ids (whole numbers)");
          break;
        }
        if (!sources.add(number.longValue())) {
          json.reject(
              "sources",
              "lists channel "
                  + number.longValue()
                  + " twice: a channel cannot be merged with itself");
          break;
        }
      }
      if (sources.size() < 2 || sources.size() > MAX_SOURCES) {
        json.reject("sources", "must be 2 to " + MAX_SOURCES + " different channels");
      }
    }
    json.throwIfInvalid();
    // Their rows are locked first: the copy of their keys onto them comes last, and a matching
    // run locks channels before their merge rows too (one order: no deadlock)
    for (long id : sources) {
      if (query("SELECT id FROM channels WHERE id = ? FOR UPDATE", List.of(id)).isEmpty()) {
        json.reject("sources", "channel " + id + " does not exist");
      }
    }
    json.throwIfInvalid();
    // The rest of their merged channels follow, in their order: a reorder need not list them all
    String marks = String.join(",", sources.stream().map(id -> "?").toList());
    List<Object> listed = new ArrayList<>(sources);
    @SuppressWarnings("unchecked")
    List<Object> keys =
        (List<Object>)
            query(
                "SELECT DISTINCT "
                    + MergedChannels.KEY
                    + " FROM channels c WHERE c.id IN ("
                    + marks
                    + ")",
                listed);
    List<Object> siblingParams = new ArrayList<>(keys);
    siblingParams.addAll(listed);
    for (Object sibling :
        query(
            "SELECT c.id FROM channels c FORCE INDEX (ix_channels_merge) WHERE c.merge_key IN ("
                + String.join(",", keys.stream().map(k -> "?").toList())
                + ") AND c.id NOT IN ("
                + marks
                + ") ORDER BY c.account_id, c.id FOR UPDATE",
            siblingParams)) {
      sources.add(((Number) sibling).longValue());
    }
    String key = "p:" + sources.iterator().next();
    em.createNativeQuery("DELETE FROM channel_merges WHERE merge_key = ?")
        .setParameter(1, key)
        .executeUpdate();
    int position = 1;
    for (long id : sources) {
      em.createNativeQuery(
              "INSERT INTO channel_merges (channel_id, merge_key, position, updated_at)"
                  + " VALUES (?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE"
                  + " merge_key = VALUES(merge_key), position = VALUES(position),"
                  + " updated_at = VALUES(updated_at)")
          .setParameter(1, id)
          .setParameter(2, key)
          .setParameter(3, position++)
          .executeUpdate();
    }
    // Its members now, and before (their merge rows went above): their stored keys follow
    update(IdentityColumns.refreshIds(sources.size()), new ArrayList<>(sources));
    update(IdentityColumns.refresh("c.merge_key = ?"), List.of(key));
    LOG.info(() -> "Merged channel " + key + " set by a person: " + sources);
    changed.fire(ChannelsChanged.all());
    List<MergedChannel> group = sources(List.of(key));
    return group.isEmpty() ? new MergedChannel(key, null, List.of()) : group.get(0);
  }

  @DELETE
  @Path("{channel}")
  @APIResponse(
      responseCode = "200",
      description = "The channel stands alone from now on",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted split(@PathParam("channel") long channel) {
    if (query("SELECT id FROM channels WHERE id = ? FOR UPDATE", List.of(channel)).isEmpty()) {
      throw ProblemException.notFound("Channel", channel);
    }
    em.createNativeQuery(
            "INSERT INTO channel_merges (channel_id, merge_key, position, updated_at)"
                + " VALUES (?, ?, 1, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE"
                + " merge_key = VALUES(merge_key), position = 1, updated_at = VALUES(updated_at)")
        .setParameter(1, channel)
        .setParameter(2, "c:" + channel)
        .executeUpdate();
    update(IdentityColumns.refreshIds(1), List.of(channel));
    LOG.info(() -> "Channel " + channel + " split from its merged channel by a person");
    changed.fire(ChannelsChanged.all());
    return new Deleted("Channel " + channel + " is a channel of its own from now on.");
  }

  /** The groups of these keys, their sources in failover order. */
  private List<MergedChannel> sources(List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", keys.stream().map(k -> "?").toList());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        (List<Object[]>)
            (List<?>)
                query(
                    "SELECT "
                        + MergedChannels.KEY
                        + " AS mkey, c.id, c.account_id, a.name AS account, c.name,"
                        + " c.merge_position IS NOT NULL AS by_person, "
                        + MergedChannels.POSITION
                        + " AS pos"
                        + ACTIVE
                        + " AND c.merge_key IN ("
                        + marks
                        + ") ORDER BY FIELD(mkey, "
                        + marks
                        + "), pos, account_id, id",
                    concat(keys, keys));
    Map<String, List<Source>> byKey = new LinkedHashMap<>();
    for (Object[] r : rows) {
      List<Source> list = byKey.computeIfAbsent((String) r[0], k -> new ArrayList<>());
      list.add(
          new Source(
              ((Number) r[1]).longValue(),
              ((Number) r[2]).longValue(),
              (String) r[3],
              (String) r[4],
              list.size() + 1,
              ((Number) r[5]).intValue() != 0));
    }
    return byKey.entrySet().stream()
        .map(e -> new MergedChannel(e.getKey(), e.getValue().get(0).name(), e.getValue()))
        .toList();
  }

  private static List<Object> concat(List<String> a, List<String> b) {
    List<Object> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private List<?> query(String sql, List<Object> params) {
    return prepared(sql, params).getResultList();
  }

  private int update(String sql, List<Object> params) {
    return prepared(sql, params).executeUpdate();
  }

  private jakarta.persistence.Query prepared(String sql, List<Object> params) {
    jakarta.persistence.Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    return q;
  }
}
