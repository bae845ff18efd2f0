package dev.lineup.platform;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One of Lineup's environment variables (README, "Configuration"): its name, default, the form it
 * accepts, and how its text becomes a typed value. Lineup reads a variable only through its {@code
 * Variable}, and {@link ConfigCheck} checks every one before the application starts, so a wrong
 * value stops the start with one line that names the variable and the form, instead of an injection
 * failure deep in the deployment. An empty value counts as unset (compose's {@code ${X:-}}).
 *
 * @param secret the value is never repeated in a message
 */
public record Variable<T>(
    String name, String defaultValue, String form, boolean secret, Function<String, T> parser) {

  /** A value that does not have the variable's form. */
  public static final class Invalid extends IllegalStateException {
    Invalid(Variable<?> variable, String raw) {
      super(
          variable.name()
              + (variable.secret() ? "" : "=" + shown(raw))
              + " is not valid: expected "
              + variable.form()
              + ".");
    }

    private static String shown(String raw) {
      String clean = raw.replaceAll("\\p{Cntrl}", "?");
      return "\"" + (clean.length() > 80 ? clean.substring(0, 80) + "…" : clean) + "\"";
    }
  }

  /** The value configured for this application (MicroProfile Config: environment, then system). */
  public T value() {
    return value(ConfigProvider.getConfig());
  }

  public T value(Config config) {
    return parse(config.getOptionalValue(name, String.class).orElse(null));
  }

  /**
   * The typed value of {@code raw}; null or blank means the default (which may be null: unset).
   *
   * @throws Invalid when the text does not have the variable's form
   */
  public T parse(String raw) {
    String text = raw == null || raw.isBlank() ? defaultValue : raw.strip();
    if (text == null) {
      return null;
    }
    try {
      T value = parser.apply(text);
      if (value == null) {
        throw new Invalid(this, raw == null ? text : raw);
      }
      return value;
    } catch (RuntimeException e) {
      if (e instanceof Invalid invalid) {
        throw invalid;
      }
      throw new Invalid(this, raw == null ? text : raw);
    }
  }

  /** Hours as a decimal number ≥ 0 ({@code 6}, {@code 0.5} = 30 min); 0 turns the thing off. */
  public static Variable<Duration> hours(String name, String defaultValue) {
    return new Variable<>(
        name,
        defaultValue,
        "a number of hours ≥ 0, fractions allowed (6, 1.5, 0.5 = 30 min; 0 = off)",
        false,
        text -> {
          BigDecimal hours = new BigDecimal(text);
          if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            return null;
          }
          return Duration.ofSeconds(hours.multiply(BigDecimal.valueOf(3600)).longValue());
        });
  }

  /** A whole number from {@code min} to {@code max}; {@code unit} names what it counts. */
  public static Variable<Long> whole(
      String name, String defaultValue, long min, long max, String unit) {
    return new Variable<>(
        name,
        defaultValue,
        "a whole number of " + unit + " from " + min + " to " + max,
        false,
        text -> {
          long value = Long.parseLong(text);
          return value < min || value > max ? null : value;
        });
  }

  /** A TCP port, 1 to 65535. */
  public static Variable<Long> port(String name, String defaultValue) {
    return new Variable<>(
        name,
        defaultValue,
        "a port number from 1 to 65535",
        false,
        whole(name, defaultValue, 1, 65535, "port").parser());
  }

  /** A share from 0 to 1 ({@code 0.5} = half). */
  public static Variable<Double> share(String name, String defaultValue) {
    return new Variable<>(
        name,
        defaultValue,
        "a decimal number from 0 to 1 (0.5 = half)",
        false,
        text -> {
          double value = new BigDecimal(text).doubleValue();
          return value < 0 || value > 1 ? null : value;
        });
  }

  /** {@code true} or {@code false} (any case); nothing else, so a typo is not silently false. */
  public static Variable<Boolean> flag(String name, String defaultValue) {
    return new Variable<>(
        name,
        defaultValue,
        "true or false",
        false,
        text ->
            switch (text.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> null;
            });
  }

  /** One of the given words (any case); the value is the word in lower case. */
  public static Variable<String> oneOf(String name, String defaultValue, String... words) {
    List<String> allowed = Arrays.asList(words);
    return new Variable<>(
        name,
        defaultValue,
        String.join(" or ", allowed),
        false,
        text -> {
          String word = text.toLowerCase(Locale.ROOT);
          return allowed.contains(word) ? word : null;
        });
  }

  /** Any text (a host, a path, a password, ...); {@code secret} keeps it out of messages. */
  public static Variable<String> text(
      String name, String defaultValue, String form, boolean secret) {
    return new Variable<>(name, defaultValue, form, secret, Function.identity());
  }

  /** Text that matches {@code pattern} as a whole. */
  public static Variable<String> matching(
      String name, String defaultValue, String form, boolean secret, String pattern) {
    Pattern compiled = Pattern.compile(pattern);
    return new Variable<>(
        name, defaultValue, form, secret, text -> compiled.matcher(text).matches() ? text : null);
  }

  /** A Java regular expression. */
  public static Variable<Pattern> regex(String name, String defaultValue, String form) {
    return new Variable<>(
        name,
        defaultValue,
        form,
        false,
        text -> {
          try {
            return Pattern.compile(text);
          } catch (PatternSyntaxException e) {
            return null;
          }
        });
  }

  /** A comma-separated list of origins ({@code https://host[:port]}), lower case; may be empty. */
  public static Variable<List<String>> origins(String name) {
    Pattern origin = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:\\d{1,5})?");
    return new Variable<>(
        name,
        "",
        "a comma-separated list of origins such as https://tools.example or"
            + " http://192.168.1.5:8080 (scheme, host and port only)",
        false,
        text -> {
          List<String> all =
              Arrays.stream(text.split(","))
                  .map(String::strip)
                  .filter(o -> !o.isEmpty())
                  .map(o -> o.toLowerCase(Locale.ROOT))
                  .toList();
          return all.stream().allMatch(o -> origin.matcher(o).matches()) ? all : null;
        });
  }
}
