package dev.lineup.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code SHARED_DIR}: the folder every server sharing the database reads and writes (a network
 * mount when they run on several machines), where the guides live ({@code SHARED_DIR/epg} unless
 * {@code EPG_DIR} says otherwise). Files in it are replaced whole, by a rename. Unset: one server,
 * its own folders (ADR 15).
 *
 * <p>Readiness: with a shared folder, a server that cannot write to it is not ready (it would serve
 * guides other servers replaced, or none).
 */
@Readiness
@ApplicationScoped
public class SharedStorage implements HealthCheck {
  public static final Variable<String> DIR =
      Variable.text("SHARED_DIR", null, "a folder path every server can read and write", false);

  /** The shared folder, when configured. */
  public static Optional<Path> dir() {
    return Optional.ofNullable(DIR.value()).map(Path::of);
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("shared-storage");
    Optional<Path> dir = dir();
    if (dir.isEmpty()) {
      return response
          .withData("shared_dir", "none: this server keeps its guides in its own folder")
          .up()
          .build();
    }
    response.withData("shared_dir", dir.get().toString());
    try {
      Files.createDirectories(dir.get());
      Path probe = Files.createTempFile(dir.get(), ".ready-", ".probe");
      Files.delete(probe);
      return response.withData("reachable", true).up().build();
    } catch (IOException | RuntimeException e) {
      return response
          .withData("reachable", false)
          .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .down()
          .build();
    }
  }
}
