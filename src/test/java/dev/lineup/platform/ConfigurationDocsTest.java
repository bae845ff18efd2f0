package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * A setting's default lives in one place, its {@link Variable} (read through its feature's typed
 * class): the README's configuration table lists every variable, with the same default.
 */
class ConfigurationDocsTest {

  /** README rows: variable → its default cell (the matching part when a row names several). */
  static Map<String, String> documented() throws IOException {
    Map<String, String> rows = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\s\\|\\s");
      String[] names = cells[0].substring(2).split(" / ");
      String[] defaults = cells[1].split(" / ");
      for (int i = 0; i < names.length; i++) {
        rows.put(
            names[i].replace("`", "").strip(),
            (names.length == defaults.length ? defaults[i] : cells[1]).strip());
      }
    }
    return rows;
  }

  @Test
  void theReadmeListsEveryVariableWithItsDefault() throws IOException {
    Map<String, String> documented = documented();
    List<Variable<?>> variables = new ArrayList<>();
    ServiceLoader.load(VariableSource.class).forEach(s -> variables.addAll(s.variables()));
    assertTrue(variables.size() > 15, "the features' variables were found: " + variables);
    List<String> wrong = new ArrayList<>();
    for (Variable<?> variable : variables) {
      String cell = documented.get(variable.name());
      String given = variable.defaultValue() == null ? "" : variable.defaultValue();
      if (cell == null) {
        wrong.add(variable.name() + " is not in the README's table");
      } else if (!given.isEmpty() && !cell.startsWith("`" + given + "`")) {
        wrong.add(
            variable.name() + ": README says " + cell + ", the code " + variable.defaultValue());
      } else if (given.isEmpty() && cell.startsWith("`")) {
        wrong.add(variable.name() + ": README gives a default (" + cell + "), the code none");
      }
    }
    assertEquals(List.of(), wrong);
  }
}
