package dev.lineup.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the application answers at all. Heap figures are reported for information only: a
 * momentarily full heap (garbage not yet collected) is no reason for an orchestrator to restart.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    long used = runtime.totalMemory() - runtime.freeMemory();
    long max = runtime.maxMemory();
    return HealthCheckResponse.named("heap")
        .withData("used_mb", used / (1024 * 1024))
        .withData("max_mb", max / (1024 * 1024))
        .up()
        .build();
  }
}
