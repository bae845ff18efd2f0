package dev.lineup.support;

import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the server answers, read from its compiled classes: every REST endpoint (JAX-RS resource
 * methods) and every web page (servlets). The access and fuzz tests go through all of them, so a
 * new endpoint is covered without anyone adding it to a list.
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * One REST endpoint: its HTTP method, its path with every path parameter as "1", whether it reads
   * a body.
   */
  public record Endpoint(String method, String path, boolean takesBody) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  public static List<Endpoint> api() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Class<?> type : classes()) {
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method method : type.getMethods()) {
        String http =
            Stream.of(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(m -> m != null)
                .map(HttpMethod::value)
                .findFirst()
                .orElse(null);
        if (http == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = "/api/" + root.value() + (sub == null ? "" : "/" + sub.value());
        endpoints.add(
            new Endpoint(
                http,
                path.replaceAll("\\{[^}]+}", "1").replaceAll("/+", "/").replaceAll("/$", ""),
                Stream.of(method.getParameters()).anyMatch(Endpoints::isEntity)));
      }
    }
    return endpoints;
  }

  /** Every servlet URL pattern ("" is the root page). */
  public static List<String> servletPatterns() {
    List<String> patterns = new ArrayList<>();
    for (Class<?> type : classes()) {
      WebServlet servlet = type.getAnnotation(WebServlet.class);
      if (servlet != null) {
        patterns.addAll(
            List.of(servlet.urlPatterns().length > 0 ? servlet.urlPatterns() : servlet.value()));
      }
    }
    return patterns;
  }

  /** A parameter without JAX-RS or CDI annotations is the request body. */
  private static boolean isEntity(Parameter parameter) {
    for (Annotation annotation : parameter.getAnnotations()) {
      String name = annotation.annotationType().getName();
      if (name.startsWith("jakarta.ws.rs.") || name.startsWith("jakarta.inject.")) {
        return false;
      }
    }
    return true;
  }

  private static List<Class<?>> classes() {
    java.nio.file.Path root = Paths.get("target/classes");
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/lineup"))) {
      return files
          .filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
          .map(f -> root.relativize(f).toString().replace('/', '.').replace(".class", ""))
          .<Class<?>>map(
              name -> {
                try {
                  return Class.forName(name, false, Endpoints.class.getClassLoader());
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                  throw new IllegalStateException(name, e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
