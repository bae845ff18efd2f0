package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Node.js tools of the tests: a folder of scripts with pinned npm packages, and running them. */
public final class Node {
  private Node() {}

  /** What a process printed (stdout and stderr together) and its exit status. */
  public record Result(int status, String output) {}

  /**
   * Copies {@code src/test/{name}} to {@code target/{name}} and installs its npm packages there
   * once ({@code npm ci}: the versions of its package-lock.json); returns the folder.
   */
  public static Path install(String name) throws IOException, InterruptedException {
    Tools.node();
    Path source = Path.of("src", "test", name);
    Path target = Path.of("target", name);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // Installed again when the lock file changed since (a package added).
    Path lock = target.resolve("package-lock.json");
    Path installed = target.resolve("node_modules").resolve(".lineup-installed-lock.json");
    if (!Files.isRegularFile(installed) || Files.mismatch(lock, installed) != -1) {
      Result npm =
          run(
              target,
              List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
              Map.of(),
              300);
      assertEquals(0, npm.status(), "npm ci in " + target + " failed:\n" + npm.output());
      Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** Runs {@code command} in {@code dir} with extra environment variables, within a time limit. */
  public static Result run(Path dir, List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    // Read while it runs, so a chatty process never blocks on a full pipe.
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.append(
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.append(e);
              }
            });
    reader.start();
    boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    reader.join(5000);
    assertTrue(finished, command + " did not finish in " + seconds + " s:\n" + output);
    return new Result(process.exitValue(), output.toString());
  }

  /** Whether an executable of this name is on the PATH. */
  public static boolean onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
