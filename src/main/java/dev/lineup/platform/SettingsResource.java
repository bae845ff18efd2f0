package dev.lineup.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/settings}: the server-wide settings ({@link Settings}); PATCH changes some. */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
  private static final Logger LOG = Logger.getLogger(SettingsResource.class.getName());

  @Inject Settings settings;

  /** The settings' JSON (a map of {@link Settings#all}), for the OpenAPI document. */
  public record SettingsView(
      @Schema(
              description =
                  "Serve the id-based player URLs (/playlist/…, /epg/…), which carry no secret")
          Boolean legacyPlayerUrls) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = SettingsView.class)))
  public Map<String, Object> all() {
    return settings.all();
  }

  /**
   * A JSON object of settings to change, each a boolean; anything else is a 422 and changes
   * nothing.
   */
  @PATCH
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @RequestBody(content = @Content(schema = @Schema(implementation = SettingsView.class)))
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = SettingsView.class)))
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public Map<String, Object> change(String body) {
    JsonObject changes = JsonBody.parse(body).json();
    List<FieldError> errors = new ArrayList<>();
    changes.forEach(
        (name, value) -> {
          if (!Settings.known(name)) {
            errors.add(new FieldError(name, "is not a setting"));
          } else if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            errors.add(new FieldError(name, "must be true or false"));
          }
        });
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    changes.forEach(
        (name, value) -> {
          settings.set(name, value == JsonValue.TRUE);
          LOG.info(() -> "Setting " + name + " = " + (value == JsonValue.TRUE));
        });
    return settings.all();
  }
}
