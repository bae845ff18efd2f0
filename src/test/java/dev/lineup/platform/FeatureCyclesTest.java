package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The features' control and entity layers depend on each other without a cycle, and the platform
 * depends on no feature (issue 15, item 6, for the layers that are acyclic already; the boundary
 * layer's cycles are that work). A plain scan of the sources' imports.
 */
class FeatureCyclesTest {
  private static final Path ROOT = Path.of("src/main/java/dev/lineup");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.lineup\\.([a-z]+)\\.", Pattern.MULTILINE);

  /** feature → the features its control and entity classes (all of platform's) import. */
  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = ROOT.relativize(file);
        String feature = relative.getName(0).toString();
        boolean lower =
            feature.equals("platform")
                || relative.getNameCount() > 2
                    && Set.of("control", "entity").contains(relative.getName(1).toString());
        if (!lower) {
          continue;
        }
        Matcher imported = IMPORT.matcher(Files.readString(file));
        while (imported.find()) {
          if (!imported.group(1).equals(feature)) {
            edges.computeIfAbsent(feature, f -> new TreeSet<>()).add(imported.group(1));
          }
        }
      }
    }
    return edges;
  }

  @Test
  void controlAndEntityLayersHaveNoCycleBetweenFeaturesAndPlatformDependsOnNone()
      throws IOException {
    Map<String, Set<String>> edges = dependencies();
    assertTrue(edges.size() > 5, "the scan found the features: " + edges);
    assertEquals(Set.of(), edges.getOrDefault("platform", Set.of()), "platform imports features");
    List<String> cycle = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String feature : edges.keySet()) {
      if (cycle.isEmpty()) {
        visit(feature, edges, new ArrayList<>(), done, cycle);
      }
    }
    assertEquals(List.of(), cycle, "a cycle between features' control/entity layers");
  }

  private static void visit(
      String feature,
      Map<String, Set<String>> edges,
      List<String> path,
      Set<String> done,
      List<String> cycle) {
    if (!cycle.isEmpty() || done.contains(feature)) {
      return;
    }
    int at = path.indexOf(feature);
    if (at >= 0) {
      cycle.addAll(path.subList(at, path.size()));
      cycle.add(feature);
      return;
    }
    path.add(feature);
    for (String next : edges.getOrDefault(feature, Set.of())) {
      visit(next, edges, path, done, cycle);
    }
    path.remove(path.size() - 1);
    done.add(feature);
  }
}
