package dev.lineup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ADR 5's rule for where pages live: every HTML page, and the servlets its forms post to, is in
 * {@code web/boundary}; the features' boundaries hold REST resources and player answers only. So no
 * feature imports {@code web}, and nothing outside it renders a page.
 */
class PagesLiveInWebTest {
  static final Path ROOT = Path.of("src/main/java/dev/lineup");

  static List<String> outsideWebThat(String text) throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !ROOT.relativize(f).startsWith("web"))
          .filter(
              f -> {
                try {
                  return Files.readString(f).contains(text);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .map(f -> ROOT.relativize(f).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void noFeatureImportsTheWebUi() throws IOException {
    assertTrue(Files.isDirectory(ROOT.resolve("web/boundary")), "the scan finds the sources");
    assertEquals(List.of(), outsideWebThat("import dev.lineup.web."));
  }

  @Test
  void onlyTheWebUiRendersPages() throws IOException {
    assertEquals(List.of(), outsideWebThat("/WEB-INF/views"));
    assertEquals(List.of(), outsideWebThat("PageRenderer"));
  }
}
