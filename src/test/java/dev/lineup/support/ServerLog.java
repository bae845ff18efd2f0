package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test server's log (Liberty's messages.log, and the files it rolled over to), for checks of
 * what must never be logged. A check of an absence proves nothing on a log it cannot read, so every
 * read fails when the log is missing, empty, or not this server's (no "server started" line);
 * {@link #await} shows it is being written while the test runs.
 */
public final class ServerLog {
  /** Liberty's "The server … is ready to run a smarter planet" message. */
  private static final String STARTED = "CWWKF0011I";

  private ServerLog() {}

  /** The folder of messages.log ({@code -Dlineup.it.serverLogs}, set by the pom). */
  static Path folder() {
    return Path.of(
        System.getProperty(
            "lineup.it.serverLogs", "target/liberty/wlp/usr/servers/lineup-it/logs"));
  }

  /** Every message the server logged, oldest file first; fails when there is none to read. */
  public static String text() {
    Path folder = folder();
    if (!Files.isDirectory(folder)) {
      fail("The server log cannot be read: no folder " + folder.toAbsolutePath());
    }
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> logs =
          files
              .filter(f -> f.getFileName().toString().matches("messages.*\\.log"))
              .sorted(Comparator.comparing(ServerLog::modified))
              .toList();
      for (Path log : logs) {
        text.append(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The server log cannot be read in " + folder, e);
    }
    assertTrue(
        text.indexOf(STARTED) >= 0,
        "The server log in " + folder.toAbsolutePath() + " is empty or not the test server's");
    return text.toString();
  }

  private static final Pattern SETUP_CODE =
      Pattern.compile(
          "Lineup has no admin yet: .* enter the setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");

  /** The setup code the server logged last, if any (none when its log cannot be read). */
  public static Optional<String> setupCode() {
    String text;
    try {
      text = text();
    } catch (AssertionError | UncheckedIOException e) {
      return Optional.empty(); // a server elsewhere: -Dlineup.setup.code, or it has its admin
    }
    Matcher found = SETUP_CODE.matcher(text);
    String last = null;
    while (found.find()) {
      last = found.group(1);
    }
    return Optional.ofNullable(last);
  }

  /** A position in the log, to read what is logged after it. */
  public static int mark() {
    return text().length();
  }

  /** What was logged after {@code mark}. */
  public static String since(int mark) {
    String text = text();
    return text.length() >= mark ? text.substring(mark) : text;
  }

  /**
   * Waits (up to 10 s) until a line containing {@code expected} is logged after {@code mark};
   * returns what was logged since, or fails: the log is not being written where it is read.
   */
  public static String await(int mark, String expected) throws InterruptedException {
    return await(mark, expected, Duration.ofSeconds(10));
  }

  /** {@link #await(int, String)} within {@code limit}. */
  public static String await(int mark, String expected, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String logged = since(mark);
    while (!logged.contains(expected)) {
      if (System.nanoTime() > deadline) {
        fail("The server did not log \"" + expected + "\" in " + folder().toAbsolutePath());
      }
      Thread.sleep(100);
      logged = since(mark);
    }
    return logged;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
