package dev.lineup.provider.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.util.List;

/** The provider feature's variables, checked at start ({@link dev.lineup.platform.ConfigCheck}). */
public class ProviderVariables implements VariableSource {
  @Override
  public List<Variable<?>> variables() {
    return ProviderConfig.VARIABLES;
  }
}
