package dev.lineup.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test server's log (messages.log of the server that `./mvnw verify` starts). */
public final class ServerLog {
  private static final Path FILE =
      Path.of("target/liberty/wlp/usr/servers/lineup-it/logs/messages.log");

  private static final Pattern SETUP_CODE =
      Pattern.compile(
          "Lineup has no admin yet: .* enter the setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");

  private ServerLog() {}

  /** The whole log, or "" when the tests run against a server elsewhere. */
  public static String read() {
    try {
      return Files.exists(FILE) ? Files.readString(FILE) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The setup code the server logged last, if any. */
  public static Optional<String> setupCode() {
    Matcher found = SETUP_CODE.matcher(read());
    String last = null;
    while (found.find()) {
      last = found.group(1);
    }
    return Optional.ofNullable(last);
  }
}
