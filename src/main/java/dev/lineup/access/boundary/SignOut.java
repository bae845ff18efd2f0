package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.access.control.Sessions;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /logout}: signs out. It ends every session of the admin (the epoch is raised), so a
 * copied cookie is worthless afterwards too; API tokens stay valid until revoked.
 */
@WebServlet("/logout")
public class SignOut extends HttpServlet {
  @Inject Admins admins;
  @Inject Sessions sessions;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    admins.endSessions();
    sessions.clear(request, response);
    PageRenderer.seeOther(response, "/login");
  }
}
