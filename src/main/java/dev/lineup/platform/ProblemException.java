package dev.lineup.platform;

import jakarta.ejb.ApplicationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client should hear about, rendered as RFC 9457 {@code application/problem+json} by
 * {@link ProblemMappers}. The detail must never contain secrets (passwords, stream URLs with
 * credentials). An application exception: it rolls back the transaction of the boundary that throws
 * it, and is expected, so the server does not record it as an incident.
 */
@ApplicationException(rollback = true, inherited = true)
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions = new LinkedHashMap<>();

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  public ProblemException(int status, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad request", detail);
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(404, "Not found", what + " " + id + " does not exist.");
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public static ProblemException invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid.";
    return new ProblemException(422, "Invalid request", detail, errors);
  }

  /** Adds a member to the problem body (RFC 9457 extension), e.g. the id of a running sync. */
  public ProblemException with(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
