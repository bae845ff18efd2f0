package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.access.control.SignInThrottle;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The sign-in page ({@code /login}): a plain form (it works without JavaScript) posted back here.
 * The credentials go through Jakarta Security ({@link SecurityContext#authenticate}), which signs
 * the browser in with a session cookie; then the browser goes on to the page it first asked for.
 * Each try is counted by {@link SignInThrottle} before the password is checked: ten failures from
 * one address within 15 minutes make it wait (429).
 */
@WebServlet("/login")
public class SignInPage extends HttpServlet {
  @Inject SecurityContext security;
  @Inject Admins admins;
  @Inject SignInThrottle throttle;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getUserPrincipal() != null) {
      response.sendRedirect(next(request));
    } else if (!admins.exists()) {
      response.sendRedirect("/setup");
    } else {
      form(request, response, 200, null);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AuthenticationStatus status;
    try (SignInThrottle.Attempt attempt = throttle.begin(request.getRemoteAddr())) {
      status =
          signIn(
              security,
              request,
              response,
              request.getParameter("username"),
              request.getParameter("password"));
      if (status == AuthenticationStatus.SUCCESS) {
        attempt.succeeded();
      }
    } catch (SignInThrottle.Refused refused) {
      response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
      form(request, response, refused.status(), refused.detail());
      return;
    }
    if (status == AuthenticationStatus.SUCCESS) {
      PageRenderer.seeOther(response, next(request));
    } else {
      form(request, response, 401, "Wrong username or password.");
    }
  }

  /** Signs the browser in through Jakarta Security (the mechanism sets the session cookie). */
  static AuthenticationStatus signIn(
      SecurityContext security,
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      String password) {
    if (username == null || password == null || username.isBlank() || password.length() > 1024) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return security.authenticate(
        request,
        response,
        AuthenticationParameters.withParams()
            .credential(new UsernamePasswordCredential(username.strip(), new Password(password)))
            .newAuthentication(true));
  }

  private static void form(
      HttpServletRequest request, HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    request.setAttribute("error", error);
    request.setAttribute("next", next(request));
    String username = request.getParameter("username");
    request.setAttribute("username", username != null && username.length() <= 64 ? username : "");
    PageRenderer.render(request, response, "access/login", "login");
  }

  /** Where to go after signing in: a path on this server, else the dashboard. */
  static String next(HttpServletRequest request) {
    String next = request.getParameter("next");
    return next != null
            && next.startsWith("/")
            && !next.startsWith("//")
            && !next.startsWith("/\\")
            && next.length() < 2000
            && next.chars().noneMatch(c -> c < 32)
        ? next
        : "/";
  }
}
