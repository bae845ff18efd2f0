package dev.lineup.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API lives under /api; HTML pages and player URLs get their own prefixes. The OpenAPI
 * document ({@code /openapi}) describes only /api: every operation there needs an API token or the
 * admin's session, and its errors are the problems named in {@link ApiDocument}.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Lineup API",
            version = "1",
            description =
                "Accounts, sync, tags, filters, preview and playlists of a self-hosted IPTV lineup"
                    + " manager. Errors are RFC 9457 application/problem+json. Player URLs (/p/…,"
                    + " /playlist/…, /epg/…), /health and /metrics are not part of this API and"
                    + " need no credentials."),
    security = { // either one
      @SecurityRequirement(name = ApiDocument.TOKEN),
      @SecurityRequirement(name = ApiDocument.SESSION)
    },
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = ApiDocument.TOKEN,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  description =
                      "An API token (lu_…), made on the Access page or with POST /api/tokens:"
                          + " Authorization: Bearer lu_…"),
              @SecurityScheme(
                  securitySchemeName = ApiDocument.SESSION,
                  type = SecuritySchemeType.APIKEY,
                  in = SecuritySchemeIn.COOKIE,
                  apiKeyName = "lineup_session",
                  description =
                      "The signed-in admin's browser session; its changes also send the session's"
                          + " X-CSRF-Token (GET /api/session)")
            },
            responses = {
              @APIResponse(
                  name = ApiDocument.BAD_REQUEST,
                  description = "The body is not JSON, or a query parameter is malformed",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.UNAUTHORIZED,
                  description = "No valid API token or session",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.FORBIDDEN,
                  description =
                      "A change from another site, or from a session without its CSRF token",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.NOT_FOUND,
                  description = "Nothing has this id",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.CONFLICT,
                  description =
                      "The name is taken (the problem's field names it), or the state does not"
                          + " allow it now (a sync is running, or none is)",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.INVALID,
                  description = "Fields are invalid; errors[] names each with its message",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.PROVIDER_FAILED,
                  description = "The IPTV provider failed or answered with something unusable",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.PROVIDER_TIMEOUT,
                  description = "The IPTV provider did not answer in time",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocument.TOO_LARGE,
                  description = "The upload is bigger than the endpoint takes",
                  content =
                      @Content(
                          mediaType = ProblemMapper.PROBLEM_JSON,
                          schema = @Schema(implementation = Problem.class)))
            }))
public class LineupApplication extends Application {}
