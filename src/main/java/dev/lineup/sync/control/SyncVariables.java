package dev.lineup.sync.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.util.List;

/** The sync feature's variables, checked at start ({@link dev.lineup.platform.ConfigCheck}). */
public class SyncVariables implements VariableSource {
  @Override
  public List<Variable<?>> variables() {
    return SyncConfig.VARIABLES;
  }
}
