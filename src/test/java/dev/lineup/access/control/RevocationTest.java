package dev.lineup.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.access.control.Admins.Current;
import dev.lineup.access.control.ApiTokens.Checked;
import dev.lineup.access.entity.ApiToken;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A revoked token and a signed-out session stop working at once, even when a check read the
 * database just before the revocation was committed and finishes just after it: the interleaving
 * that used to keep a revoked token valid for 60 s (and a session for 5 s).
 */
class RevocationTest {
  /** A database read that can be held up half-way, after it has read the row. */
  static final class SlowRead<T> {
    final AtomicReference<Optional<T>> row = new AtomicReference<>();
    volatile CountDownLatch read = new CountDownLatch(0);
    volatile CountDownLatch resume = new CountDownLatch(0);

    Optional<T> get() {
      Optional<T> seen = row.get();
      read.countDown();
      try {
        assertTrue(resume.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return seen;
    }

    /** The next read pauses after reading, until {@link #resume()}. */
    void holdNext() {
      read = new CountDownLatch(1);
      resume = new CountDownLatch(1);
    }

    void awaitRead() throws InterruptedException {
      assertTrue(read.await(5, TimeUnit.SECONDS));
    }

    void resume() {
      resume.countDown();
    }
  }

  @Test
  void aTokenRevokedWhileACheckIsReadingItIsNotRememberedAsValid() throws Exception {
    SlowRead<Checked> database = new SlowRead<>();
    ApiTokens tokens =
        new ApiTokens() {
          @Override
          Optional<Checked> load(String hash) {
            return database.get();
          }
        };
    String token = ApiToken.create("script").token();
    database.row.set(Optional.of(new Checked(7, "script")));

    database.holdNext();
    CompletableFuture<Optional<String>> check =
        CompletableFuture.supplyAsync(() -> tokens.verify(token));
    database.awaitRead(); // the check has read the token, and has not remembered it yet
    database.row.set(Optional.empty()); // the revocation is committed...
    tokens.forgetRemembered(); // ...and its after-commit hook runs
    database.resume();
    assertEquals(Optional.of("script"), check.get(5, TimeUnit.SECONDS), "it began before");

    assertEquals(Optional.empty(), tokens.verify(token), "refused from the revocation on");
  }

  @Test
  void aCheckedTokenIsRememberedUntilItIsRevoked() {
    SlowRead<Checked> database = new SlowRead<>();
    int[] reads = {0};
    ApiTokens tokens =
        new ApiTokens() {
          @Override
          Optional<Checked> load(String hash) {
            reads[0]++;
            return database.get();
          }
        };
    String token = ApiToken.create("script").token();
    database.row.set(Optional.of(new Checked(7, "script")));
    assertEquals(Optional.of("script"), tokens.verify(token));
    assertEquals(Optional.of("script"), tokens.verify(token));
    assertEquals(1, reads[0], "one database read for both");
    database.row.set(Optional.empty());
    tokens.forgetRemembered();
    assertEquals(Optional.empty(), tokens.verify(token));
  }

  @Test
  void aSessionEpochEndedWhileACheckIsReadingItIsNotRememberedAsCurrent() throws Exception {
    SlowRead<Current> database = new SlowRead<>();
    Admins admins =
        new Admins() {
          @Override
          Optional<Current> read() {
            return database.get();
          }
        };
    database.row.set(Optional.of(new Current("admin", 41)));

    database.holdNext();
    CompletableFuture<Optional<String>> check =
        CompletableFuture.supplyAsync(() -> admins.sessionHolder(41));
    database.awaitRead();
    database.row.set(Optional.of(new Current("admin", 42))); // signed out everywhere, committed
    admins.forgetRemembered();
    database.resume();
    assertEquals(Optional.of("admin"), check.get(5, TimeUnit.SECONDS));

    assertEquals(Optional.empty(), admins.sessionHolder(41), "the old session has ended");
    assertEquals(Optional.of("admin"), admins.sessionHolder(42));
  }

  @Test
  void rememberedValuesExpire() {
    long[] now = {0};
    Remembered<String, String> remembered =
        new Remembered<>(Duration.ofSeconds(5), 10, () -> now[0]);
    int[] loads = {0};
    remembered.get("k", k -> Optional.of("v" + ++loads[0]));
    now[0] = Duration.ofSeconds(4).toNanos();
    assertEquals(Optional.of("v1"), remembered.get("k", k -> Optional.of("v" + ++loads[0])));
    now[0] = Duration.ofSeconds(6).toNanos();
    assertEquals(Optional.of("v2"), remembered.get("k", k -> Optional.of("v" + ++loads[0])));
  }
}
