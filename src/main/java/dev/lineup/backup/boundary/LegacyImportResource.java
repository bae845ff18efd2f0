package dev.lineup.backup.boundary;

import dev.lineup.backup.control.LegacyImport;
import dev.lineup.backup.control.RestoreReport;
import dev.lineup.backup.control.SetupRestore;
import dev.lineup.platform.ApiDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/import/legacy}: the legacy tool's SQLite database ({@code iptv_proxy.db}) as the
 * request body; its accounts, rulesets with their tag rules and assignments, filters and playlist
 * configs are stored as a restore stores a backup ({@code dry_run=true} first shows what would be).
 * Importing the same file again changes nothing.
 */
@Path("import/legacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LegacyImportResource {
  @Inject SetupRestore restore;
  @Inject jakarta.validation.Validator validator;

  @POST
  @Consumes(MediaType.WILDCARD)
  @RequestBody(
      description = "The legacy tool's SQLite database file",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "200",
      description = "What was imported (or, in a dry run, would be), object by object",
      content = @Content(schema = @Schema(implementation = RestoreReport.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RestoreReport importDatabase(
      InputStream body,
      @Parameter(description = "true: report what the import would do, store nothing")
          @QueryParam("dry_run")
          boolean dryRun) {
    java.nio.file.Path file = LegacyImport.received(body);
    try {
      return LegacyImport.imported(restore, validator, file, dryRun);
    } finally {
      LegacyImport.delete(file);
    }
  }
}
