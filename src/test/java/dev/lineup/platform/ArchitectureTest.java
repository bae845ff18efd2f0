package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The features' layering (docs/adr/0009-feature-layering.md), checked on the sources' imports (and
 * fully qualified names elsewhere in them): a feature imports only features below it (so there is
 * no cycle between features), the platform imports none, and a feature's boundary is imported by no
 * other feature but the web UI (and the backup, ADR 14). A plain scan of the import lines, no
 * library. Also: a file over 400 lines says why it stays whole.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("src/main/java/dev/lineup");

  /** The features from the bottom up: each may import those before it, never those after. */
  static final List<String> LAYERS =
      List.of(
          "platform",
          "access",
          "account",
          "provider",
          "sync",
          "tag",
          "filter",
          "channel",
          "epg",
          "identity",
          "playlist",
          "relay",
          "xtream",
          "hdhomerun",
          "backup",
          "web");

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.lineup\\.([a-z]+)\\.([a-z]+)?", Pattern.MULTILINE);

  /** A fully qualified reference outside the imports (code or a javadoc link). */
  private static final Pattern QUALIFIED =
      Pattern.compile("(?<![\\w.])dev\\.lineup\\.([a-z]+)\\.([a-z]+)?");

  /** One import of another feature: "from (feature.layer) imports to (feature.layer)". */
  record Edge(String file, String feature, String layer, String toFeature, String toLayer) {
    @Override
    public String toString() {
      return file + " imports " + toFeature + "." + toLayer;
    }
  }

  static List<Edge> edges() throws IOException {
    List<Edge> edges = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path relative = ROOT.relativize(file);
        String feature = relative.getName(0).toString();
        String layer = relative.getNameCount() > 2 ? relative.getName(1).toString() : "";
        String text = Files.readString(file);
        String body =
            text.lines()
                .filter(l -> !l.startsWith("import ") && !l.startsWith("package "))
                .collect(Collectors.joining("\n"));
        Matcher named = QUALIFIED.matcher(body);
        while (named.find()) {
          if (!named.group(1).equals(feature)) {
            edges.add(
                new Edge(
                    relative.toString(),
                    feature,
                    layer,
                    named.group(1),
                    named.group(2) == null ? "" : named.group(2)));
          }
        }
        Matcher imported = IMPORT.matcher(text);
        while (imported.find()) {
          if (!imported.group(1).equals(feature)) {
            edges.add(
                new Edge(
                    relative.toString(),
                    feature,
                    layer,
                    imported.group(1),
                    imported.group(2) == null ? "" : imported.group(2)));
          }
        }
      }
    }
    return edges;
  }

  @Test
  void everyFeatureIsPlacedInTheLayering() throws IOException {
    Set<String> features = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      dirs.filter(Files::isDirectory).forEach(d -> features.add(d.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(LAYERS), features, "features missing from LAYERS, or gone");
  }

  @Test
  void noFeatureImportsAHigherOneSoThereIsNoCycleBetweenFeatures() throws IOException {
    List<Edge> edges = edges();
    assertTrue(edges.size() > 50, "the scan found the imports: " + edges.size());
    List<String> upwards =
        edges.stream()
            .filter(e -> LAYERS.indexOf(e.toFeature()) > LAYERS.indexOf(e.feature()))
            .map(Edge::toString)
            .toList();
    assertEquals(List.of(), upwards, "imports of a higher feature (see LAYERS)");
  }

  /**
   * The web UI, and the backup, which reads each object of a restore through its feature's own
   * request reader (so a restored object passes the checks a posted one does; ADR 14).
   */
  private static final Set<String> READS_BOUNDARIES = Set.of("web", "backup");

  @Test
  void onlyTheWebUiAndTheBackupImportAnotherFeaturesBoundary() throws IOException {
    List<String> reaching =
        edges().stream()
            .filter(e -> e.toLayer().equals("boundary") && !READS_BOUNDARIES.contains(e.feature()))
            .map(Edge::toString)
            .toList();
    assertEquals(List.of(), reaching, "a feature's boundary is its own (and the UI's)");
  }

  @Test
  void aFileOver400LinesSaysInItsHeaderWhyItStaysWhole() throws IOException {
    List<String> longFiles = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file);
        if (text.lines().count() > 400 && !text.contains("Over 400 lines, kept whole:")) {
          longFiles.add(ROOT.relativize(file) + " (" + text.lines().count() + " lines)");
        }
      }
    }
    assertEquals(List.of(), longFiles, "split it where it mixes concerns, or say why it is one");
  }

  @Test
  void theScanSeesAnUpwardImport() {
    Matcher found = IMPORT.matcher("package x;\nimport dev.lineup.web.control.Pages;\n");
    assertTrue(found.find());
    assertEquals("web", found.group(1));
    assertEquals("control", found.group(2));
    assertTrue(LAYERS.indexOf("web") > LAYERS.indexOf("access"));
  }
}
