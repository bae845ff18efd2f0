package dev.lineup.access.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.util.List;

/** The access feature's variables, checked at start ({@link dev.lineup.platform.ConfigCheck}). */
public class AccessVariables implements VariableSource {
  @Override
  public List<Variable<?>> variables() {
    return List.of(AdminReset.RESET, CsrfFilter.CORS_ORIGINS);
  }
}
