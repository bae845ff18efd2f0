package dev.lineup.access.boundary;

import dev.lineup.access.control.Admins;
import dev.lineup.access.control.LineupAuthentication;
import dev.lineup.access.control.Sessions;
import dev.lineup.access.entity.Admin;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.JsonBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

  /**
   * Who is calling: the admin's name (session) or the token's; {@code csrf_token} only for a
   * session.
   */
  @Schema(requiredProperties = {"user", "via"})
  public record Caller(
      String user,
      @Schema(enumeration = {"session", "token"}) String via,
      @JsonbNillable(false) String csrfToken) {}

  public record PasswordChanged(String user, boolean sessionsEnded) {}

  record PasswordInput(String currentPassword, String newPassword, String confirmation) {}

  @GET
  public Caller whoAmI() {
    String name = security.getUserPrincipal().getName();
    boolean token = request.getAttribute(LineupAuthentication.SESSION) == null;
    return token
        ? new Caller(name.substring(LineupAuthentication.TOKEN_CALLER.length()), "token", null)
        : new Caller(name, "session", (String) request.getAttribute(LineupAuthentication.CSRF));
  }

  @POST
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = PasswordChanged.class)))
  @RequestBody(content = @Content(schema = @Schema(implementation = PasswordInput.class)))
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public PasswordChanged changePassword(String body) {
    JsonBody json = JsonBody.parse(body);
    String current = json.rawString("current_password");
    String password = json.rawString("new_password");
    String confirmation = json.rawString("confirmation");
    json.throwIfInvalid();
    Admin admin = admins.changePassword(current, password, confirmation);
    if (request.getAttribute(LineupAuthentication.SESSION) != null) {
      sessions.issue(admin, request, response);
    }
    return new PasswordChanged(admin.username(), true);
  }
}
