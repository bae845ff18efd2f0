package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lineup.support.Api.Reply;
import jakarta.json.Json;
import java.util.UUID;

/** Creates accounts for the tests through the API. */
public final class Accounts {
  private Accounts() {}

  public static String uniqueName(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An account pointing at the fake provider, with its credentials; returns its id. */
  public static long create(String prefix, FakeProvider provider) {
    String body =
        Json.createObjectBuilder()
            .add("name", uniqueName(prefix))
            .add("server", provider.url())
            .add("username", provider.username())
            .add("password", provider.password())
            .build()
            .toString();
    Reply reply = Api.post("/api/accounts", body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  /** An M3U account reading the playlist at {@code playlistUrl}; returns its id. */
  public static long createM3u(String prefix, String playlistUrl) {
    Reply reply =
        Api.post(
            "/api/accounts",
            Json.createObjectBuilder()
                .add("name", uniqueName(prefix))
                .add("provider_type", "m3u")
                .add("server", playlistUrl)
                .build()
                .toString());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  /**
   * A playlist config of these accounts (every channel, defaults otherwise); returns its answer.
   */
  public static jakarta.json.JsonObject playlistOf(String prefix, long... accounts) {
    return playlistOf(prefix, "proxy", accounts);
  }

  /**
   * A playlist config of these accounts whose streams are relayed ({@code proxy}) or redirects to
   * the provider's ({@code redirect}); returns its answer.
   */
  public static jakarta.json.JsonObject playlistOf(
      String prefix, String streamMode, long... accounts) {
    jakarta.json.JsonArrayBuilder ids = Json.createArrayBuilder();
    for (long account : accounts) {
      ids.add(account);
    }
    Reply reply =
        Api.post(
            "/api/playlist-configs",
            Json.createObjectBuilder()
                .add("name", uniqueName(prefix))
                .add("include_accounts", ids)
                .add("stream_mode", streamMode)
                .build()
                .toString());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  /**
   * Waits (at most 60 s) until every active channel of the account has its matching outcome for its
   * current fingerprint and no matching statement runs any more.
   */
  public static void awaitGuideMatching(long account) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline
        && (Db.number(
                    "SELECT COUNT(*) FROM channels c LEFT JOIN channel_guides cg"
                        + " ON cg.channel_id = c.id WHERE c.account_id = ? AND c.is_active"
                        + " AND (cg.channel_id IS NULL"
                        + " OR (NOT cg.by_person AND cg.channel_fingerprint <> c.fingerprint))",
                    account)
                > 0
            || Db.number(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE 'INSERT IGNORE INTO channel_guides%'"
                        + " OR INFO LIKE 'UPDATE channels c LEFT JOIN channel_guides%'")
                > 0)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits until the account's search documents are current (its previews stop saying {@code
   * search_pending}), at most {@code limitSeconds}; returns how long that took in ms.
   */
  public static long awaitSearchIndex(long account, int limitSeconds) {
    long start = System.nanoTime();
    long deadline = System.currentTimeMillis() + limitSeconds * 1000L;
    while (Api.get("/api/accounts/" + account + "/preview?limit=1")
        .json()
        .getBoolean("search_pending")) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("search index of account " + account + " still pending");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the search index", e);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
