package dev.lineup.backup.control;

import dev.lineup.platform.FieldError;
import dev.lineup.platform.ProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** The 422 problems of a backup that cannot be restored, each naming the place in the file. */
final class BackupProblems {
  private BackupProblems() {}

  /** Runs a feature's reader; its refusal becomes a 422 naming the object's place in the file. */
  static <T> T reading(String place, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ProblemException refused) {
      throw within(place, refused);
    }
  }

  static ProblemException invalid(String where, String message) {
    return ProblemException.invalid(List.of(new FieldError(where, message)));
  }

  /**
   * A feature's reader refused an object: the same problem, its fields named by the object's place
   * in the file ({@code accounts[News].server}).
   */
  static ProblemException within(String place, ProblemException refused) {
    if (refused.errors() == null || refused.errors().isEmpty()) {
      return invalid(place, refused.detail());
    }
    return ProblemException.invalid(
        refused.errors().stream()
            .map(e -> new FieldError(place + "." + e.field(), e.message()))
            .toList());
  }

  /** Why a reader refuses the object, or null when it takes it. */
  static String refusal(java.util.function.Supplier<?> reader) {
    try {
      reader.get();
      return null;
    } catch (ProblemException e) {
      return e.errors() == null || e.errors().isEmpty()
          ? e.detail()
          : e.errors().stream()
              .map(f -> f.field() + " " + f.message())
              .collect(Collectors.joining("; "));
    }
  }
}
