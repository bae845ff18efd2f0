package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.access.control.LineupAuthentication;
import dev.lineup.access.control.Sessions;
import dev.lineup.access.entity.Admin;
import dev.lineup.platform.JsonBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/session}: who is calling (the admin in a browser, or a named API token), with the
 * session's CSRF token; {@code POST /api/session/password} changes the admin's password, which ends
 * every session and signs this browser in again.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
  @Inject Admins admins;
  @Inject Sessions sessions;
  @Context SecurityContext security;
  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @GET
  public Map<String, Object> whoAmI() {
    Map<String, Object> view = new LinkedHashMap<>();
    String name = security.getUserPrincipal().getName();
    boolean token = request.getAttribute(LineupAuthentication.SESSION) == null;
    view.put("user", token ? name.substring(LineupAuthentication.TOKEN_CALLER.length()) : name);
    view.put("via", token ? "token" : "session");
    if (!token) {
      view.put("csrf_token", request.getAttribute(LineupAuthentication.CSRF));
    }
    return view;
  }

  @POST
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> changePassword(String body) {
    JsonBody json = JsonBody.parse(body);
    String current = json.rawString("current_password");
    String password = json.rawString("new_password");
    String confirmation = json.rawString("confirmation");
    json.throwIfInvalid();
    Admin admin = admins.changePassword(current, password, confirmation);
    if (request.getAttribute(LineupAuthentication.SESSION) != null) {
      sessions.issue(admin, request, response);
    }
    return Map.of("user", admin.username(), "sessions_ended", true);
  }
}
