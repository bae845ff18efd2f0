package dev.lineup.relay.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.util.List;

/** The relay's variables, checked at start ({@link dev.lineup.platform.ConfigCheck}). */
public class RelayVariables implements VariableSource {
  @Override
  public List<Variable<?>> variables() {
    return RelayConfig.VARIABLES;
  }
}
