package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lineup.sync.control.SyncConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every variable of the README's Configuration table is checked, and a wrong value is named. */
class ConfigCheckTest {
  /** A value of the wrong form for each variable that has a form (the others take any text). */
  private static final Map<String, String> WRONG =
      Map.ofEntries(
          Map.entry("DB_HOST", "db host"),
          Map.entry("DB_PORT", "3306x"),
          Map.entry("DB_NAME", "lineup;drop"),
          Map.entry("DATABASE_URL", "postgres://u:hunter2@db/lineup"),
          Map.entry("DB_POOL_MAX", "0"),
          Map.entry("DB_STARTUP_WAIT_SECONDS", "1.5"),
          Map.entry("HTTP_HOST", "every interface"),
          Map.entry("HTTP_PORT", "70000"),
          Map.entry("HTTPS_PORT", "-1"),
          Map.entry("PROVIDER_CONNECT_TIMEOUT_SECONDS", "0"),
          Map.entry("RELAY_GRACE_SECONDS", "-1"),
          Map.entry("BACKUP_DIR", "backups"),
          Map.entry("BACKUP_EVERY_HOURS", "daily"),
          Map.entry("BACKUP_KEEP", "0"),
          Map.entry("BACKUP_PASSPHRASE", "short"),
          Map.entry("RELAY_STALL_SECONDS", "0"),
          Map.entry("RELAY_SLOW_VIEWER_SECONDS", "30s"),
          Map.entry("RELAY_BUFFER_MB", "1024"),
          Map.entry("RELAY_CONNECT_TIMEOUT_SECONDS", "61"),
          Map.entry("PROVIDER_READ_TIMEOUT_SECONDS", "ten"),
          Map.entry("PROVIDER_DOWNLOAD_TIMEOUT_SECONDS", "10m"),
          Map.entry("PROVIDER_RETRIES", "-1"),
          Map.entry("PROVIDER_RETRY_DELAY_MS", "0.5"),
          Map.entry("SYNC_INTERVAL_HOURS", "6h"),
          Map.entry("SYNC_CHECK_SECONDS", "0"),
          Map.entry("SYNC_FIRST_CHECK_SECONDS", "soon"),
          Map.entry("SYNC_MAX_DEACTIVATE_SHARE", "50%"),
          Map.entry("SYNC_HISTORY_KEEP", "0"),
          Map.entry("PURGE_INACTIVE_DAYS", "-3"),
          Map.entry("TAGS_AUTO_PROCESS", "flase"),
          Map.entry("LINEUP_MODE", "prod"),
          Map.entry("CORS_ORIGINS", "tools.example"),
          Map.entry("TRUSTED_PROXIES", "172.18.0.(\\d+"),
          Map.entry("RESET_ADMIN", "yes please"),
          Map.entry("PUBLIC_URL", "tv.example.com"),
          Map.entry("GUIDE_MAX_MB", "4G"),
          Map.entry("PROVIDER_BLOCK_PRIVATE", "on"));

  /** Variables that take any text: nothing to refuse. */
  private static final Set<String> ANY_TEXT =
      Set.of("DB_USER", "DB_PASSWORD", "SECRET_KEY", "SECRET_KEY_FILE", "EPG_DIR", "SHARED_DIR");

  private static Set<String> checked() {
    return ConfigCheck.all().stream().map(Variable::name).collect(Collectors.toSet());
  }

  /** The rows of the README's Configuration table. */
  private static List<String> readmeRows() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table =
        readme.substring(
            readme.indexOf("## Configuration"),
            readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5));
    return table.lines().filter(l -> l.startsWith("| `")).toList();
  }

  /**
   * A setting's default lives in one place, its {@link Variable} (read through its feature's typed
   * class); the README gives the same one.
   */
  @Test
  void theReadmeGivesEachVariablesDefault() throws IOException {
    Map<String, String> documented = new HashMap<>();
    for (String line : readmeRows()) {
      String[] cells = line.split("\\s\\|\\s");
      String[] names = cells[0].substring(2).split(" / ");
      String[] defaults = cells[1].split(" / ");
      for (int i = 0; i < names.length; i++) {
        documented.put(
            names[i].replace("`", "").strip(),
            (names.length == defaults.length ? defaults[i] : cells[1]).strip());
      }
    }
    List<String> wrong = new ArrayList<>();
    // The variables Lineup reads (those only Liberty reads have their defaults in server.xml).
    List<Variable<?>> read = new ArrayList<>();
    java.util.ServiceLoader.load(VariableSource.class).forEach(s -> read.addAll(s.variables()));
    assertTrue(read.size() > 15, "the features' variables were found: " + read);
    for (Variable<?> variable : read) {
      String cell = documented.getOrDefault(variable.name(), "");
      String given = variable.defaultValue() == null ? "" : variable.defaultValue();
      if (!given.isEmpty() && !cell.startsWith("`" + given + "`")) {
        wrong.add(variable.name() + ": README says " + cell + ", the code " + given);
      } else if (given.isEmpty() && cell.startsWith("`")) {
        wrong.add(variable.name() + ": README gives a default (" + cell + "), the code none");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theReadmeListsExactlyTheVariablesThatAreChecked() throws Exception {
    Set<String> listed = new TreeSet<>();
    for (String line : readmeRows()) {
      Matcher name = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(line.split("\\|")[1]);
      while (name.find()) {
        listed.add(name.group(1));
      }
    }
    assertEquals(new TreeSet<>(checked()), listed);
    Set<String> covered = new TreeSet<>(WRONG.keySet());
    covered.addAll(ANY_TEXT);
    assertEquals(
        listed, covered, "every variable has a wrong value in this test, or takes any text");
  }

  @Test
  void everyDefaultIsValid() {
    assertEquals(List.of(), ConfigCheck.problems(name -> null));
  }

  @Test
  void aWrongValueOfAnyVariableIsOneLineNamingItAndItsForm() {
    for (Map.Entry<String, String> wrong : WRONG.entrySet()) {
      List<String> problems =
          ConfigCheck.problems(name -> name.equals(wrong.getKey()) ? wrong.getValue() : null);
      assertEquals(1, problems.size(), wrong + ": " + problems);
      String line = problems.get(0);
      assertTrue(line.startsWith(wrong.getKey()), line);
      assertTrue(line.contains("is not valid: expected "), line);
      assertFalse(line.contains("\n"), line);
    }
    List<String> two =
        ConfigCheck.problems(
            name -> Map.of("SYNC_INTERVAL_HOURS", "x", "HTTP_PORT", "y").get(name));
    assertEquals(2, two.size(), "each wrong variable is named: " + two);
  }

  @Test
  void secretsAreNeverRepeated() {
    String line =
        ConfigCheck.problems(n -> n.equals("DATABASE_URL") ? WRONG.get("DATABASE_URL") : null)
            .get(0);
    assertFalse(line.contains("hunter2"), line);
    assertTrue(line.startsWith("DATABASE_URL is not valid"), line);
  }

  @Test
  void syncIntervalsTakeFractionsOfAnHour() {
    assertEquals(Duration.ofMinutes(30), SyncConfig.INTERVAL.parse("0.5"));
    assertEquals(Duration.ofMinutes(90), SyncConfig.INTERVAL.parse(" 1.5 "));
    assertEquals(Duration.ofHours(6), SyncConfig.INTERVAL.parse(null));
    assertEquals(Duration.ofHours(6), SyncConfig.INTERVAL.parse(""), "empty is unset");
    assertEquals(Duration.ZERO, SyncConfig.INTERVAL.parse("0"));
    assertThrows(Variable.Invalid.class, () -> SyncConfig.INTERVAL.parse("-1"));
    assertThrows(Variable.Invalid.class, () -> SyncConfig.INTERVAL.parse("NaN"));
    assertEquals("30 min", SyncConfig.describe(Duration.ofMinutes(30)));
    assertEquals("6 h", SyncConfig.describe(Duration.ofHours(6)));
    assertEquals("1.5 h", SyncConfig.describe(Duration.ofMinutes(90)));
  }

  @Test
  void typedValuesOfTheOtherForms() {
    assertEquals(true, Variable.flag("X", "false").parse("TRUE"));
    assertEquals(false, Variable.flag("X", "true").parse("False"));
    assertEquals(
        List.of("https://tools.example", "http://192.168.1.5:8080"),
        Variable.origins("X").parse("https://Tools.example, http://192.168.1.5:8080,"));
    assertEquals(List.of(), Variable.origins("X").parse(null));
    assertEquals(
        "production",
        Variable.oneOf("X", "development", "development", "production").parse("Production"));
    assertEquals(0.25, Variable.share("X", "0.5").parse("0.25"));
    assertEquals(
        "mariadb://lineup:secret@db:3306/lineup",
        ConfigCheck.SERVER.stream()
            .filter(v -> v.name().equals("DATABASE_URL"))
            .findFirst()
            .orElseThrow()
            .parse("mariadb://lineup:secret@db:3306/lineup"));
  }
}
