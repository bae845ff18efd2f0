package dev.lineup.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place where a test meets a tool from outside the JVM that may be missing (Node.js,
 * Chromium, xmllint, ffprobe…). A missing tool skips the check that needs it, with the reason in
 * the test's output; with {@code LINEUP_TEST_REQUIRE_TOOLS=true} (set by {@code .ci/run}) it fails
 * it instead, so CI never passes by skipping.
 */
public final class Tools {
  /** The switch: an environment variable, or the system property of the same name. */
  public static final String REQUIRE = "LINEUP_TEST_REQUIRE_TOOLS";

  private Tools() {}

  /**
   * Whether a missing tool fails the check (CI) rather than skipping it (a developer's machine).
   */
  public static boolean required() {
    String value = System.getProperty(REQUIRE, System.getenv(REQUIRE));
    return "true".equalsIgnoreCase(value == null ? null : value.strip());
  }

  /**
   * Goes on when {@code available}; otherwise skips the check, or fails it when {@link #required}.
   *
   * @param missing what is missing and how to get it, e.g. "no ffprobe (apt-get install ffmpeg)"
   */
  public static void need(boolean available, String missing) {
    if (available) {
      return;
    }
    if (required()) {
      fail(missing + " — " + REQUIRE + " is true, so a missing tool fails this check");
    }
    Assumptions.abort(missing + " — check skipped (" + REQUIRE + "=true makes this a failure)");
  }

  /** An executable on the PATH, installed from these Debian packages first when it can be. */
  public static void debian(String tool, String... packages) {
    need(
        Debian.ensure(tool, packages),
        "no " + tool + " on the PATH (apt-get install " + String.join(" ", packages) + ")");
  }

  /** An executable at a fixed path, else the Debian packages that provide it. */
  public static void debianAt(Path executable, String tool, String... packages) {
    need(
        Files.isExecutable(executable) || Debian.ensure(tool, packages),
        "no " + executable + " (apt-get install " + String.join(" ", packages) + ")");
  }

  /** A file a tool reads (a DTD…). */
  public static void file(Path file, String missing) {
    need(Files.isRegularFile(file), missing + ": " + file + " is missing");
  }

  /** Node.js and npm, for the npm-based drivers in src/test (Debian's nodejs when it can). */
  public static void node() {
    need(
        Debian.ensure("node", "nodejs", "npm") && Debian.ensure("npm", "nodejs", "npm"),
        "no node and npm on the PATH (Node.js 18 or newer; apt-get install nodejs npm)");
  }
}
