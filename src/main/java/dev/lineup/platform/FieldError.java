package dev.lineup.platform;

/** One invalid field of a request body, as reported in a validation problem's {@code errors}. */
public record FieldError(String field, String message) {

  /**
   * The JSON name of a Java property or a validation path's last node: "syncIntervalHours" to
   * "sync_interval_hours".
   */
  public static String jsonName(String propertyPath) {
    String property = propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
    return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
