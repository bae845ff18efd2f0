package dev.lineup.platform;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where every failure of the REST API becomes RFC 9457 {@code
 * application/problem+json}: never a stack trace, never an HTML error page. Unexpected errors are
 * logged with an id that the body also carries, so a user's report can be matched to the log.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  public static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Override
  public Response toResponse(Throwable thrown) {
    return render(toProblem(thrown));
  }

  static ProblemException toProblem(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ProblemException problem) {
        return problem;
      }
      if (t instanceof ConstraintViolationException violations) {
        List<FieldError> errors =
            violations.getConstraintViolations().stream()
                .map(
                    v ->
                        new FieldError(
                            FieldError.jsonName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ProblemException.invalid(errors);
      }
      // Request bodies are parsed by JsonBody; only a parse error of a request is the client's
      // fault. A JSON-B failure writing a response is a server bug (500 below).
      if (t instanceof JsonParsingException) {
        return ProblemException.badRequest("The request body is not valid JSON.");
      }
      if (t instanceof SQLIntegrityConstraintViolationException) {
        return ProblemException.conflict("The change conflicts with data that already exists.");
      }
      if (t instanceof OptimisticLockException) {
        return ProblemException.conflict("The resource was changed concurrently; retry.");
      }
      if (t instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
        Response.StatusType status = web.getResponse().getStatusInfo();
        return new ProblemException(
            status.getStatusCode(), status.getReasonPhrase(), detailOf(web));
      }
    }
    String errorId = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error " + errorId, thrown);
    return new ProblemException(
            500,
            "Internal error",
            "Lineup hit an unexpected error; the server log has the details under error id "
                + errorId
                + ".")
        .with("error_id", errorId);
  }

  /**
   * Writes a problem straight to a servlet response (the player URLs and the web pages), as the API
   * would answer it; a 503 says when to try again (its {@code retry_after_seconds}, else a minute).
   * Nothing when the answer has begun already.
   */
  public static void send(HttpServletResponse response, ProblemException problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setHeader("ETag", null);
    response.setHeader("Last-Modified", null);
    response.setHeader("Content-Encoding", null);
    response.setStatus(problem.status());
    response.setContentType(PROBLEM_JSON);
    response.setCharacterEncoding("UTF-8");
    if (problem.status() == 503) {
      Object after = problem.extensions().get("retry_after_seconds");
      response.setHeader("Retry-After", after == null ? "60" : String.valueOf(after));
    }
    response.getWriter().write(render(problem).getEntity().toString());
  }

  public static Response render(ProblemException problem) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", problem.title())
            .add("status", problem.status())
            .add("detail", problem.detail());
    if (!problem.errors().isEmpty()) {
      JsonArrayBuilder errors = Json.createArrayBuilder();
      problem
          .errors()
          .forEach(
              e ->
                  errors.add(
                      Json.createObjectBuilder()
                          .add("field", e.field())
                          .add("message", e.message())));
      body.add("errors", errors);
    }
    for (Map.Entry<String, Object> extension : problem.extensions().entrySet()) {
      Object value = extension.getValue();
      if (value instanceof Number n) {
        body.add(extension.getKey(), Json.createValue(n.longValue()));
      } else if (value != null) {
        body.add(extension.getKey(), value.toString());
      }
    }
    return Response.status(problem.status())
        .type(PROBLEM_JSON)
        .entity(body.build().toString())
        .build();
  }

  private static String detailOf(WebApplicationException web) {
    return switch (web.getResponse().getStatus()) {
      case 404 -> "No such resource.";
      case 405 -> "This method is not allowed on this resource.";
      case 406 -> "This resource cannot answer in the requested media type.";
      case 415 -> "Send the request body as application/json.";
      default -> web.getResponse().getStatusInfo().getReasonPhrase();
    };
  }
}
