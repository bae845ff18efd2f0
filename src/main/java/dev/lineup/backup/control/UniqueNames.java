package dev.lineup.backup.control;

/**
 * Names made unique whatever their case and accents (as the database compares them), as Lineup
 * keeps them: a clash gets " (2)", " (3)"…
 */
final class UniqueNames {
  private final RestoreReport.Builder report;
  private final String kind;
  private final java.util.Set<String> taken = new java.util.TreeSet<>(ByName.collator());

  UniqueNames(RestoreReport.Builder report, String kind) {
    this.report = report;
    this.kind = kind;
  }

  String unique(String name) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) {
      String suffix = " (" + n + ")";
      candidate = name.substring(0, Math.min(name.length(), 100 - suffix.length())) + suffix;
    }
    if (!candidate.equals(name)) {
      report.renamed(kind, name, candidate, "an earlier " + kind + " in the file has that name");
    }
    return candidate;
  }
}
