package dev.lineup.platform;

import java.util.List;

/**
 * A feature's environment variables, for {@link ConfigCheck} to check at start. Each feature lists
 * its own in {@code META-INF/services/dev.lineup.platform.VariableSource}, so the platform checks
 * them without depending on the features above it.
 */
public interface VariableSource {
  List<Variable<?>> variables();
}
