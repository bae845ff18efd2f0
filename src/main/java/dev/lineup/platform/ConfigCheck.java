package dev.lineup.platform;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks every Lineup variable (README, "Configuration") while CDI discovers the application,
 * before any bean reads one: a value without its variable's form stops the start with one line per
 * such variable, naming it and the accepted form ("SYNC_INTERVAL_HOURS="abc" is not valid: expected
 * a number of hours ≥ 0 …"), like a weak SECRET_KEY in production does ({@link Crypto}).
 */
public class ConfigCheck implements Extension {
  private static final Logger LOG = Logger.getLogger(ConfigCheck.class.getName());

  /** Read by server.xml and server.env (Liberty itself); checked here so mistakes read the same. */
  static final List<Variable<?>> SERVER =
      List.of(
          Variable.matching(
              "DB_HOST",
              null,
              "a host name or IP address",
              false,
              "[A-Za-z0-9._\\-]+|\\[?[0-9A-Fa-f:.]+\\]?"),
          Variable.port("DB_PORT", null),
          Variable.matching(
              "DB_NAME", "lineup", "a database name (letters, digits, _ and $)", false, "[\\w$]+"),
          Variable.text("DB_USER", "lineup", "a user name", false),
          Variable.text("DB_PASSWORD", null, "a password", true),
          Variable.matching(
              "DATABASE_URL",
              null,
              "mariadb://user:password@host:port/database (or jdbc:mariadb://…, mysql://…)",
              true,
              "(jdbc:)?(mariadb|mysql)://[^/\\s]+(/[\\w$]*)?(\\?\\S*)?"),
          Variable.whole("DB_POOL_MAX", "20", 1, 1000, "connections"),
          Variable.matching(
              "HTTP_HOST",
              "127.0.0.1",
              "* (every interface), an IP address or a host name",
              false,
              "\\*|[A-Za-z0-9._\\-]+|[0-9A-Fa-f:.]+"),
          Variable.port("HTTP_PORT", "9080"),
          Variable.port("HTTPS_PORT", "9443"),
          PublicUrl.TRUSTED_PROXIES);

  /** Read by Lineup's platform classes. */
  static final List<Variable<?>> PLATFORM =
      List.of(
          DatabaseMigrator.STARTUP_WAIT,
          Crypto.MODE,
          Crypto.KEY,
          Crypto.KEY_FILE,
          PublicUrl.VARIABLE,
          SharedStorage.DIR);

  /** Every variable Lineup reads: the server's and the platform's, then each feature's own. */
  public static List<Variable<?>> all() {
    List<Variable<?>> all = new ArrayList<>(SERVER);
    all.addAll(PLATFORM);
    for (VariableSource source :
        ServiceLoader.load(VariableSource.class, ConfigCheck.class.getClassLoader())) {
      all.addAll(source.variables());
    }
    return all;
  }

  void check(@Observes AfterBeanDiscovery discovered) {
    Config config = ConfigProvider.getConfig(ConfigCheck.class.getClassLoader());
    List<String> problems =
        problems(name -> config.getOptionalValue(name, String.class).orElse(null));
    for (String problem : problems) {
      LOG.severe("Lineup does not start: " + problem);
    }
    if (!problems.isEmpty()) {
      discovered.addDefinitionError(new IllegalStateException(String.join(" ", problems)));
    }
  }

  /** What is wrong with the configuration: one message per variable without its form. */
  static List<String> problems(Function<String, String> lookup) {
    List<String> problems = new ArrayList<>();
    for (Variable<?> variable : all()) {
      try {
        variable.parse(lookup.apply(variable.name()));
      } catch (Variable.Invalid invalid) {
        problems.add(invalid.getMessage());
      }
    }
    return problems;
  }
}
