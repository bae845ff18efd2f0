package dev.lineup.backup.control;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a restore or an import did (or, in a dry run, would do), object by object: added, changed,
 * unchanged, left alone (in Lineup, not in the file) or skipped (with why), with notes on what a
 * person must do next (such as a password the backup left out). An import renames an object whose
 * name clashes with another of the file's: its item says so, and {@code renamed} counts them.
 */
public record RestoreReport(
    @Schema(description = "true: nothing was stored, this is what a restore would do")
        boolean dryRun,
    Totals totals,
    List<Item> items,
    @Schema(description = "What to do next, and what was not brought over") List<String> notes) {

  /** How many objects each action touched. */
  public record Totals(
      int added, int changed, int unchanged, int leftAlone, int renamed, int skipped) {}

  /** One object and what happens to it. */
  public record Item(
      @Schema(
              enumeration = {
                "setting",
                "ruleset",
                "account",
                "guide_source",
                "playlist",
                "xtream_user",
                "tag_rule",
                "filter",
                "guide_mappings",
                "merged_channels",
                "pinned_numbers"
              })
          String kind,
      String name,
      @Schema(enumeration = {"added", "changed", "unchanged", "left_alone", "skipped"})
          String action,
      List<String> notes) {}

  /** "added" without a before, else "unchanged" or "changed" as the two exports compare. */
  static String action(jakarta.json.JsonObject before, jakarta.json.JsonObject after) {
    if (before == null) {
      return "added";
    }
    return before.equals(after) ? "unchanged" : "changed";
  }

  /** Collects the items in the order they are decided. */
  public static final class Builder {
    private final List<Item> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Map<String, List<String>> pending = new java.util.HashMap<>();
    private int renamed;

    public void add(String kind, String name, String action, List<String> itemNotes) {
      List<String> all = new ArrayList<>(pending.getOrDefault(kind + " " + name, List.of()));
      all.addAll(itemNotes);
      items.add(new Item(kind, name, action, List.copyOf(all)));
    }

    /** An object stored under another name than the file's: its item will say so. */
    public void renamed(String kind, String from, String to, String why) {
      renamed++;
      pending
          .computeIfAbsent(kind + " " + to, k -> new ArrayList<>())
          .add("Renamed from \"" + from + "\": " + why + ".");
    }

    public void add(String kind, String name, String action) {
      add(kind, name, action, List.of());
    }

    public void note(String note) {
      notes.add(note);
    }

    public RestoreReport build(boolean dryRun) {
      return new RestoreReport(
          dryRun,
          new Totals(
              count("added"),
              count("changed"),
              count("unchanged"),
              count("left_alone"),
              renamed,
              count("skipped")),
          List.copyOf(items),
          List.copyOf(notes));
    }

    private int count(String action) {
      return (int) items.stream().filter(i -> i.action().equals(action)).count();
    }
  }
}
