package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.access.control.SetupCode;
import dev.lineup.access.control.SignInThrottle;
import dev.lineup.platform.FieldError;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.ProblemMapper;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first-run setup page ({@code /setup}): while Lineup has no admin, every page leads here to
 * create one, with the one-time {@link SetupCode setup code} that the server wrote to its log; the
 * new admin is signed in straight away. Wrong codes count against the address like failed sign-ins
 * ({@link SignInThrottle}). Once there is an admin it leads to the sign-in page, and a second setup
 * is refused (409). A caller asking for JSON gets the refusals as problems instead of the form.
 */
@WebServlet("/setup")
public class SetupPage extends HttpServlet {
  @Inject SecurityContext security;
  @Inject Admins admins;
  @Inject SetupCode setupCode;
  @Inject SignInThrottle throttle;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (admins.exists()) {
      response.sendRedirect("/login");
    } else {
      setupCode.announce();
      form(request, response, 200, null, Map.of());
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username = request.getParameter("username");
    String password = request.getParameter("password");
    AuthenticationStatus status;
    try {
      if (admins.exists()) {
        throw alreadySetUp();
      }
      try (SignInThrottle.Attempt attempt = throttle.begin(request.getRemoteAddr())) {
        setupCode.announce(); // none yet when the admin was removed while Lineup ran
        if (!setupCode.matches(request.getParameter("setup_code"))) {
          if (admins.exists()) { // a setup running at the same time used the code up
            throw alreadySetUp();
          }
          throw new ProblemException(
              403,
              "Setup code required",
              "The setup code is missing or wrong: Lineup writes it to its log (\"Lineup has no"
                  + " admin yet: … enter the setup code …\").",
              List.of(new FieldError("setup_code", "is not the setup code from the server log")));
        }
        attempt.succeeded();
        try {
          admins.create(username, password, request.getParameter("confirmation"));
        } catch (PersistenceException race) { // another setup stored its admin first (id 1)
          throw alreadySetUp();
        }
        setupCode.used();
        status = SignInPage.signIn(security, request, response, username, password);
      }
    } catch (ProblemException problem) {
      if (problem instanceof SignInThrottle.Refused refused) {
        response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
      }
      if (wantsJson(request)) {
        ProblemMapper.send(response, problem);
        return;
      }
      form(
          request,
          response,
          problem.status(),
          problem.status() == 422 ? null : problem.getMessage(),
          problem.errors().stream()
              .collect(
                  Collectors.toMap(
                      FieldError::field, FieldError::message, (a, b) -> a + "; " + b)));
      return;
    }
    PageRenderer.seeOther(response, status == AuthenticationStatus.SUCCESS ? "/" : "/login");
  }

  /** The answer to a setup once there is an admin (409). */
  private static ProblemException alreadySetUp() {
    return ProblemException.conflict("Lineup has an admin already: sign in at /login.");
  }

  /** A script (Accept: application/json) rather than a browser. */
  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }

  private static void form(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String error,
      Map<String, String> errors)
      throws IOException {
    response.setStatus(status);
    request.setAttribute("error", error);
    request.setAttribute("errors", errors);
    request.setAttribute("username", request.getParameter("username"));
    // the code was right when only the other fields are wrong: keep it in the form
    request.setAttribute("setupCode", status == 422 ? request.getParameter("setup_code") : null);
    PageRenderer.render(request, response, "access/setup", "setup");
  }
}
