package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.platform.FieldError;
import dev.lineup.platform.ProblemException;
import dev.lineup.web.control.Views;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first-run setup page ({@code /setup}): while Lineup has no admin, every page leads here to
 * create one; the new admin is signed in straight away. Once there is an admin it leads to the
 * sign-in page, and a second setup is refused (409).
 */
@WebServlet("/setup")
public class SetupPage extends HttpServlet {
  @Inject SecurityContext security;
  @Inject Admins admins;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (admins.exists()) {
      response.sendRedirect("/login");
    } else {
      form(request, response, 200, null, Map.of());
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username = request.getParameter("username");
    String password = request.getParameter("password");
    try {
      try {
        admins.create(username, password, request.getParameter("confirmation"));
      } catch (PersistenceException race) { // another setup stored its admin first (id 1)
        throw ProblemException.conflict("Lineup has an admin already: sign in at /login.");
      }
    } catch (ProblemException problem) {
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
    AuthenticationStatus status =
        SignInPage.signIn(security, request, response, username, password);
    Views.seeOther(response, status == AuthenticationStatus.SUCCESS ? "/" : "/login");
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
    Views.render(request, response, "access/setup", "setup");
  }
}
