package dev.lineup.access.boundary;

import dev.lineup.access.control.ApiTokens;
import dev.lineup.access.entity.ApiToken;
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

  @GET
  public List<Map<String, Object>> all() {
    return tokens.all().stream().map(ApiTokensResource::view).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
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
