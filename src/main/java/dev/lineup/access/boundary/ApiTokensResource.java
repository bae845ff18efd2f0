package dev.lineup.access.boundary;

import dev.lineup.access.control.ApiTokens;
import dev.lineup.access.entity.ApiToken;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.FieldError;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import dev.lineup.platform.Timestamped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/tokens}: API tokens for scripts ({@code Authorization: Bearer …}). The token itself
 * is in the answer to its creation only; lists show its name, last characters and last use. DELETE
 * revokes it at once.
 */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokensResource {
  @Inject ApiTokens tokens;

  /** A token as lists show it (the JSON of {@link #view}), for the OpenAPI document. */
  @Schema(requiredProperties = {"id", "name", "hint", "created_at", "last_used_at"})
  record TokenView(long id, String name, String hint, String createdAt, String lastUsedAt) {}

  /** A new token: its view and, this once, the token itself. */
  @Schema(requiredProperties = {"id", "name", "hint", "created_at", "last_used_at", "token"})
  record NewToken(
      long id,
      String name,
      String hint,
      String createdAt,
      String lastUsedAt,
      @Schema(description = "Authorization: Bearer <token>; shown only here") String token) {}

  record TokenInput(@Schema(description = "1 to 100 characters") String name) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class)))
  public List<Map<String, Object>> all() {
    return tokens.all().stream().map(ApiTokensResource::view).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = TokenInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = NewToken.class)))
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Response create(String body) {
    JsonBody json = JsonBody.parse(body);
    String name = json.string("name");
    json.throwIfInvalid();
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ProblemException.invalid(
          List.of(new FieldError("name", "must be 1 to 100 characters")));
    }
    ApiToken token = tokens.create(name.strip());
    Map<String, Object> view = view(token);
    view.put("token", token.token());
    return Response.status(201).entity(view).build();
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(id);
    return Response.noContent().build();
  }

  public static Map<String, Object> view(ApiToken token) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", token.id());
    view.put("name", token.name());
    view.put("hint", token.hint());
    view.put("created_at", Timestamped.iso(token.createdAt()));
    view.put("last_used_at", Timestamped.iso(token.lastUsedAt()));
    return view;
  }
}
