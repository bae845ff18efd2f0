package dev.lineup.backup.control;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Names made unique whatever their case, as Lineup keeps them: a clash gets " (2)", " (3)"… */
final class UniqueNames {
  private final RestoreReport.Builder report;
  private final String kind;
  private final Set<String> taken = new HashSet<>();

  UniqueNames(RestoreReport.Builder report, String kind) {
    this.report = report;
    this.kind = kind;
  }

  String unique(String name) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      String suffix = " (" + n + ")";
      candidate = name.substring(0, Math.min(name.length(), 100 - suffix.length())) + suffix;
    }
    if (!candidate.equals(name)) {
      report.renamed(kind, name, candidate, "an earlier " + kind + " in the file has that name");
    }
    return candidate;
  }
}
