package dev.lineup.xtream.boundary;

import dev.lineup.access.control.AdminPasswords;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.Deleted;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.PublicUrl;
import dev.lineup.platform.Timestamped;
import dev.lineup.playlist.entity.PlaylistConfig;
import dev.lineup.xtream.control.XtreamLogins;
import dev.lineup.xtream.entity.XtreamUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/xtream-users}: the logins Xtream Codes players use (CRUD). A user's password is in
 * the answer to its creation and to {@code POST /{id}/password} only, with the server address to
 * type into a player; lists show the last use instead.
 */
@Path("xtream-users")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class XtreamUsersResource {
  private static final Logger LOG = Logger.getLogger(XtreamUsersResource.class.getName());

  @PersistenceContext EntityManager em;
  @Inject AdminPasswords passwords;
  @Inject XtreamLogins logins;
  @Inject PublicUrl publicUrl;

  /** A user as lists show it. */
  @Schema(
      requiredProperties = {
        "id",
        "username",
        "playlist_id",
        "playlist_name",
        "max_connections",
        "expires_at",
        "enabled",
        "status",
        "last_used_at",
        "last_address",
        "created_at"
      })
  public record XtreamUserView(
      long id,
      String username,
      long playlistId,
      String playlistName,
      int maxConnections,
      @Schema(description = "ISO-8601 UTC, or null: never") String expiresAt,
      boolean enabled,
      @Schema(enumeration = {"Active", "Disabled", "Expired"}) String status,
      String lastUsedAt,
      @Schema(description = "the address of the last player that signed in") String lastAddress,
      String createdAt) {}

  /** What to type into a player, shown once: the server, the username and the password. */
  @Schema(requiredProperties = {"user", "server", "username", "password"})
  public record XtreamLoginView(
      XtreamUserView user,
      @Schema(description = "the server address a player asks for") String server,
      String username,
      @Schema(description = "shown only here") String password) {}

  /** A user to create or replace. */
  public record XtreamUserInput(
      @Schema(
              description =
                  "1 to 64 letters, digits, '.', '_', '~' or '-'; unique, whatever the case")
          String username,
      @Schema(
              description =
                  "the same characters, 8 to 64 of them; generated when left out (creation), kept"
                      + " when left out (replacement)")
          String password,
      @Schema(description = "the playlist config the user gets") Long playlistId,
      @Schema(description = "1 to 100, default 1") Integer maxConnections,
      @Schema(
              description =
                  "ISO-8601 UTC time, or a date (the user works through that day, UTC); null:"
                      + " never")
          String expiresAt,
      @Schema(description = "default true") Boolean enabled) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = XtreamUserView.class)))
  public List<XtreamUserView> all() {
    return XtreamUser.all(em).stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = XtreamUserView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public XtreamUserView get(@PathParam("id") long id) {
    return view(XtreamUser.require(em, id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = XtreamUserInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = XtreamLoginView.class)))
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body, @Context HttpServletRequest request) {
    Input input = read(JsonBody.parse(body));
    requireFree(input.username(), -1);
    String password = input.password() == null ? XtreamUser.generatePassword() : input.password();
    XtreamUser user = new XtreamUser(input.username(), password, passwords.hash());
    input.applyTo(user);
    em.persist(user);
    em.flush();
    logins.forget(user.id());
    LOG.info(
        () ->
            "Xtream user created: "
                + user.id()
                + " '"
                + user.username()
                + "' for playlist "
                + user.playlistId());
    return Response.status(201).entity(login(user, password, request)).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = XtreamUserInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = XtreamUserView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public XtreamUserView replace(@PathParam("id") long id, String body) {
    XtreamUser user = XtreamUser.require(em, id);
    Input input = read(JsonBody.parse(body));
    requireFree(input.username(), id);
    input.applyTo(user);
    if (input.password() != null) {
      user.changePassword(input.password(), passwords.hash());
    }
    em.flush();
    logins.forget(id);
    return view(user);
  }

  @POST
  @Path("{id}/password")
  @APIResponse(
      responseCode = "200",
      description = "A new generated password, shown once; the old one stops working",
      content = @Content(schema = @Schema(implementation = XtreamLoginView.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public XtreamLoginView newPassword(
      @PathParam("id") long id, @Context HttpServletRequest request) {
    XtreamUser user = XtreamUser.require(em, id);
    String password = XtreamUser.generatePassword();
    user.changePassword(password, passwords.hash());
    logins.forget(id);
    em.flush();
    LOG.info(() -> "Xtream user " + id + ": new password; the old one no longer works");
    return login(user, password, request);
  }

  @DELETE
  @Path("{id}")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Deleted.class)))
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Deleted delete(@PathParam("id") long id) {
    XtreamUser user = XtreamUser.require(em, id);
    em.remove(user);
    logins.forget(id);
    LOG.info(() -> "Xtream user deleted: " + id);
    return new Deleted(
        "Xtream user '" + user.username() + "' deleted; its players are signed out.");
  }

  private void requireFree(String username, long exceptId) {
    if (XtreamUser.taken(em, username, exceptId)) {
      throw ProblemException.conflict(
          "An Xtream user named '"
              + username
              + "' exists already (usernames are unique whatever their case).");
    }
  }

  private XtreamLoginView login(XtreamUser user, String password, HttpServletRequest request) {
    return new XtreamLoginView(view(user), publicUrl.base(request), user.username(), password);
  }

  /** A user as the API and the players page show it. */
  public XtreamUserView view(XtreamUser user) {
    PlaylistConfig playlist = em.find(PlaylistConfig.class, user.playlistId());
    return new XtreamUserView(
        user.id(),
        user.username(),
        user.playlistId(),
        playlist == null ? null : playlist.name(),
        user.maxConnections(),
        user.expiresAt() == null ? null : user.expiresAt().toString(),
        user.enabled(),
        user.status(Instant.now()),
        Timestamped.iso(user.lastUsedAt()),
        user.lastAddress(),
        Timestamped.iso(user.createdAt()));
  }

  /** A checked input. */
  /** An Xtream user as a request gives it, checked (password: null when left out). */
  public record Input(
      String username,
      String password,
      long playlistId,
      int maxConnections,
      Instant expiresAt,
      boolean enabled) {
    public void applyTo(XtreamUser user) {
      user.apply(username, playlistId, maxConnections, expiresAt, enabled);
    }
  }

  private Input read(JsonBody json) {
    return read(json, em);
  }

  /** Reads and checks a user; every bad field at once (a 422). */
  public static Input read(JsonBody json, EntityManager em) {
    String username = json.string("username");
    if (username == null || !XtreamUser.CREDENTIAL.matcher(username).matches()) {
      json.reject("username", "must be 1 to 64 letters, digits, '.', '_', '~' or '-'");
    }
    String password = json.rawString("password");
    if (password != null
        && (password.length() < 8 || !XtreamUser.CREDENTIAL.matcher(password).matches())) {
      json.reject(
          "password",
          "must be 8 to 64 letters, digits, '.', '_', '~' or '-' (players put it in stream URLs);"
              + " leave it out to get a generated one");
    }
    Integer playlistId = json.integer("playlist_id");
    if (playlistId == null) {
      json.reject("playlist_id", "is required: the id of a playlist config");
    } else if (em.find(PlaylistConfig.class, playlistId.longValue()) == null) {
      json.reject("playlist_id", "no playlist config has id " + playlistId);
    }
    Integer maxConnections = json.integer("max_connections");
    if (maxConnections != null && (maxConnections < 1 || maxConnections > 100)) {
      json.reject("max_connections", "must be 1 to 100");
    }
    Instant expiresAt = null;
    String expires = json.string("expires_at");
    if (expires != null) {
      try {
        expiresAt =
            expires.length() == 10
                ? LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(expires);
      } catch (DateTimeParseException e) {
        json.reject(
            "expires_at",
            "must be an ISO-8601 UTC time (2027-01-31T00:00:00Z) or a date (2027-01-31)");
      }
    }
    Boolean enabled = json.bool("enabled");
    json.throwIfInvalid();
    return new Input(
        username,
        password,
        playlistId,
        maxConnections == null ? 1 : maxConnections,
        expiresAt,
        enabled == null || enabled);
  }
}
