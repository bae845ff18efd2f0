package dev.lineup.epg.control;

import dev.lineup.platform.Variable;
import dev.lineup.platform.VariableSource;
import java.util.List;

/** The guide feature's variables, checked at start ({@link dev.lineup.platform.ConfigCheck}). */
public class GuideVariables implements VariableSource {
  @Override
  public List<Variable<?>> variables() {
    return List.of(GuideRefresh.DIR, GuideRefresh.MAX_MB);
  }
}
