package dev.lineup.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.support.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every benchmark run shares: its table in target/benchmarks/ stamped with the date, the
 * commit and the machine's state, so each figure in docs/benchmarks.md can be traced to a run; and
 * its targets, checked after the table is written, so a missed one fails the run without losing its
 * figures.
 */
final class BenchmarkRun {
  /** The server's heap limit the figures are promised under. */
  static final long MAX_HEAP_BYTES = 256L * 1024 * 1024;

  private static final Pattern MAX_HEAP =
      Pattern.compile("^memory_maxHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)", Pattern.MULTILINE);

  private final List<String> lines = new ArrayList<>();
  private final List<String> missed = new ArrayList<>();

  /** Checks one target and keeps the outcome for the table: "first sync ≤ 3 s: 2.8 s ✔". */
  BenchmarkRun target(String target, boolean met, String result) {
    lines.add("| " + target + " | " + result + " " + (met ? "✔" : "✘ missed") + " |");
    if (!met) {
      missed.add(target + ": " + result);
    }
    return this;
  }

  /** A figure reported next to the targets, with no target of its own (yet). */
  BenchmarkRun figure(String name, String result) {
    lines.add("| " + name + " | " + result + " (no target) |");
    return this;
  }

  /**
   * Checks that the server ran under the promised heap limit, read from its own /metrics ({@code
   * memory_maxHeap_bytes}).
   */
  BenchmarkRun serverMaxHeap() {
    long max = serverMaxHeapBytes();
    return target(
        "server max heap (/metrics) ≤ 256 MiB", max > 0 && max <= MAX_HEAP_BYTES, mib(max));
  }

  /**
   * Writes {@code report} with its stamp and the targets to target/benchmarks/{@code file}, prints
   * it, then fails when a target was missed.
   */
  void finish(String file, String report) throws IOException {
    StringBuilder text = new StringBuilder(stamp()).append("\n\n").append(report);
    if (!lines.isEmpty()) {
      text.append("\n| target | this run |\n|---|---|\n");
      lines.forEach(line -> text.append(line).append('\n'));
    }
    Path out = Path.of("target", "benchmarks", file);
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    System.out.println("\n" + text);
    assertTrue(missed.isEmpty(), "Targets missed (figures in " + out + "): " + missed);
  }

  /** "Run 2026-11-30T03:10:00Z, commit 0a1b2c3… (clean), 2 cores, load 0.52 0.61 0.70, …". */
  static String stamp() {
    String commit = git("rev-parse", "HEAD");
    String changes = git("status", "--porcelain", "--untracked-files=no");
    return String.format(
        Locale.ROOT,
        "Run %s, commit %s%s; %d cores, load average %s (1, 5, 15 min, at the end of the run);"
            + " %s %s; server max heap %s.",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        commit,
        changes.isEmpty() ? "" : " with uncommitted changes",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        mib(serverMaxHeapBytes()));
  }

  static long serverMaxHeapBytes() {
    Matcher m =
        MAX_HEAP.matcher(Api.get("/metrics?scope=base&name=memory.maxHeap", "text/plain").body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  static String mib(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0
          ? out
          : "unknown (" + out + ")";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
