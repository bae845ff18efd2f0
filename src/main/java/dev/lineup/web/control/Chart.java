package dev.lineup.web.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A small chart drawn as inline SVG by the server (ADR 16): a line of values, or bars above and
 * below a middle line (added and removed). Coordinates are worked out here, in a {@value #WIDTH} ×
 * {@value #HEIGHT} box; the JSP tag only writes them out, each point with a {@code <title>} giving
 * the exact figure on hover. No script, nothing for the Content-Security-Policy to refuse.
 *
 * @param name what it shows, for its label and its {@code aria-label}
 * @param kind "line" or "bars"
 * @param points oldest first
 * @param last the newest value in words ("12,345"), or null when there is none
 * @param lastValue the newest value as a number (for tests and screen readers), or null
 */
public record Chart(
    String name, String kind, List<Point> points, String last, Double lastValue, String line) {
  public static final int WIDTH = 120;
  public static final int HEIGHT = 32;
  private static final double PAD = 2;

  /**
   * One point or bar: where it is drawn, and its exact figure in words.
   *
   * @param y the top of a bar or the point of a line
   * @param height a bar's height (0 for a line's point)
   * @param below a bar below the middle line (removed)
   */
  public record Point(double x, double y, double height, boolean below, String title) {
    public String xs() {
      return n(x);
    }

    public String ys() {
      return n(y);
    }

    public String heights() {
      return n(Math.max(height, 0.5));
    }
  }

  /** How many runs the chart shows (a bar chart draws two bars for each). */
  public int runs() {
    return "bars".equals(kind) ? points.size() / 2 : points.size();
  }

  /** Whether there is a point to draw ({@code empty} is a reserved word of EL). */
  public boolean drawn() {
    return !points.isEmpty();
  }

  /**
   * A line through the values (null values are left out), scaled from 0 to the largest; when the
   * values sit high and close together, from a little below the smallest, so changes still show.
   */
  public static <T> Chart line(
      String name, List<T> items, Function<T, Double> value, Function<T, String> title) {
    List<T> kept = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (T item : items) {
      Double v = value.apply(item);
      if (v != null && Double.isFinite(v)) {
        kept.add(item);
        values.add(v);
      }
    }
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    // From zero, unless the values sit high and close together (then the changes would vanish).
    double low = min > 0 && (max - min) < max * 0.2 ? Math.max(0, min - (max - min) - 1) : 0;
    double span = Math.max(max - low, 1e-9);
    List<Point> points = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      double x = x(i, values.size());
      double y = HEIGHT - PAD - (values.get(i) - low) / span * (HEIGHT - 2 * PAD);
      points.add(new Point(x, y, 0, false, title.apply(kept.get(i))));
      line.append(i == 0 ? "" : " ").append(n(x)).append(',').append(n(y));
    }
    if (points.size() == 1) { // one run: a level line across, so the figure reads as a chart
      double y = points.get(0).y();
      line.setLength(0);
      line.append(n(PAD)).append(',').append(n(y)).append(' ');
      line.append(n(WIDTH - PAD)).append(',').append(n(y));
    }
    Double lastValue = values.isEmpty() ? null : values.get(values.size() - 1);
    return new Chart(
        name,
        "line",
        points,
        lastValue == null ? null : format(lastValue),
        lastValue,
        line.toString());
  }

  /** Bars up ({@code up}) and down ({@code down}) from a middle line, one pair per item. */
  public static <T> Chart bars(
      String name,
      List<T> items,
      ToDoubleFunction<T> up,
      ToDoubleFunction<T> down,
      Function<T, String> title) {
    double max = 1;
    for (T item : items) {
      max = Math.max(max, Math.max(up.applyAsDouble(item), down.applyAsDouble(item)));
    }
    double middle = HEIGHT / 2.0;
    double reach = middle - PAD;
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      double x = x(i, items.size()) - 1.5;
      double above = up.applyAsDouble(item) / max * reach;
      double beneath = down.applyAsDouble(item) / max * reach;
      points.add(new Point(x, middle - above, above, false, title.apply(item)));
      points.add(new Point(x, middle, beneath, true, title.apply(item)));
    }
    String last =
        items.isEmpty()
            ? null
            : "+"
                + format(up.applyAsDouble(items.get(items.size() - 1)))
                + " / −"
                + format(down.applyAsDouble(items.get(items.size() - 1)));
    return new Chart(name, "bars", points, last, null, "");
  }

  private static double x(int i, int count) {
    return count <= 1 ? WIDTH / 2.0 : PAD + 1.5 + i * (WIDTH - 2 * PAD - 3) / (count - 1.0);
  }

  /** A figure as people read it: 12,345 or 97.5. */
  public static String format(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.1f", value);
  }

  private static String n(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
