package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README command 1 stopped the way a supervisor or {@code kill} stops it — SIGTERM to Maven alone —
 * stops Liberty and the embedded MariaDB too (before, Liberty went on serving with its database
 * gone). Runs {@code src/run/stop-check.sh term-maven} in a copy of the project under target/, on
 * ports of its own, so nobody's {@code ./data} is touched. Ctrl-C and SIGTERM to the process group
 * are the script's other modes (docs/reliability.md).
 */
class RunStopIT {
  private static final Path COPY = Path.of("target", "run-stop-check");

  @Test
  void aSigtermToMavenAloneStopsLibertyAndTheEmbeddedDatabaseToo() throws Exception {
    for (String tool : List.of("curl", "perl")) {
      Tools.debian(tool, tool);
    }
    Tools.debian("setsid", "util-linux");
    Tools.debian("pgrep", "procps");
    delete(COPY);
    for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main", "src/run", "liberty")) {
      copy(Path.of(part), COPY.resolve(part));
    }
    ProcessBuilder check =
        new ProcessBuilder("sh", "src/run/stop-check.sh", "term-maven")
            .directory(COPY.toFile())
            .redirectErrorStream(true);
    check
        .environment()
        .remove("DB_HOST"); // the run's own embedded database, whatever the tests use
    check.environment().remove("DATABASE_URL");
    // Ports below the ephemeral range (32768 and up): a client's outgoing connection cannot hold
    // one.
    check.environment().put("HTTP_PORT", System.getProperty("lineup.it.run.http.port", "19180"));
    check.environment().put("HTTPS_PORT", System.getProperty("lineup.it.run.https.port", "19543"));
    check.environment().put("RUN_DB_PORT", System.getProperty("lineup.it.run.db.port", "23308"));
    Process process = check.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.MINUTES), output);
    Path log = COPY.resolve("target/stop-check-term-maven.log");
    String run = Files.exists(log) ? tail(Files.readString(log)) : "(no run log)";
    assertEquals(0, process.exitValue(), output + "\n--- the run's log:\n" + run);
    assertTrue(output.contains("PASS (term-maven)"), output);
  }

  private static String tail(String text) {
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
