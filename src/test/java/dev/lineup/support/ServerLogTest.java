package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** A check that something is absent from the server log must not pass on a log it cannot read. */
class ServerLogTest {
  @TempDir Path logs;

  @AfterEach
  void tearDown() {
    System.clearProperty("lineup.it.serverLogs");
  }

  @Test
  void aMissingLogFolderFails() {
    System.setProperty("lineup.it.serverLogs", logs.resolve("nowhere").toString());
    assertThrows(AssertionFailedError.class, ServerLog::text);
  }

  @Test
  void anEmptyOrForeignLogFails() throws Exception {
    System.setProperty("lineup.it.serverLogs", logs.toString());
    assertThrows(AssertionFailedError.class, ServerLog::text);
    Files.writeString(logs.resolve("messages.log"), "");
    assertThrows(AssertionFailedError.class, ServerLog::text);
    Files.writeString(logs.resolve("messages.log"), "some other program's log\n");
    assertThrows(AssertionFailedError.class, ServerLog::text);
  }

  @Test
  void theServersLogIsReadAndWhatFollowsAMarkIsAwaited() throws Exception {
    System.setProperty("lineup.it.serverLogs", logs.toString());
    Path log = logs.resolve("messages.log");
    Files.writeString(log, "A CWWKF0011I: The lineup-it server is ready\n");
    int mark = ServerLog.mark();
    Files.writeString(
        log, "W Failed sign-in from 127.0.0.1\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals("W Failed sign-in from 127.0.0.1\n", ServerLog.await(mark, "Failed sign-in"));
    assertThrows(
        AssertionFailedError.class,
        () -> ServerLog.await(mark, "never logged", Duration.ofMillis(300)));
  }
}
