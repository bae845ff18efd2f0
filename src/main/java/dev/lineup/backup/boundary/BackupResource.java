package dev.lineup.backup.boundary;

import dev.lineup.backup.control.RestoreReport;
import dev.lineup.backup.control.SetupExport;
import dev.lineup.backup.control.SetupRestore;
import dev.lineup.platform.ApiDocument;
import dev.lineup.platform.JsonBody;
import dev.lineup.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/backup}: Lineup's whole setup as one file (GET), and its restore (POST, with {@code
 * dry_run=true} first to see what it would add, change and leave alone). Provider secrets travel
 * only sealed with a passphrase, which goes in the {@code X-Backup-Passphrase} header, never in the
 * URL (URLs land in logs).
 */
@Path("backup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {
  /** The header that carries a backup's passphrase. */
  public static final String PASSPHRASE = "X-Backup-Passphrase";

  /** A setup is small (no channels); a bigger upload is not a backup of one. */
  static final int MAX_BYTES = 32 * 1024 * 1024;

  /**
   * The backup file's shape, for the OpenAPI document (its objects take the fields their own
   * endpoints take, references by name; see docs/backup.md).
   */
  public record BackupDocument(
      @Schema(description = "lineup-backup/1") String format,
      String createdAt,
      @Schema(description = "included: false, or true with sealed: the secrets, encrypted")
          Map<String, Object> secrets,
      Map<String, Boolean> settings,
      List<Map<String, Object>> rulesets,
      List<Map<String, Object>> accounts,
      List<Map<String, Object>> guideSources,
      List<Map<String, Object>> playlists,
      List<Map<String, Object>> xtreamUsers,
      @Schema(description = "a person's guide choices: account, stream_id, guide, guide_channel_id")
          List<Map<String, Object>> guideMappings,
      @Schema(description = "a person's merged channels: sources in failover order (one: split)")
          List<Map<String, Object>> mergedChannels,
      @Schema(description = "a person's pinned numbers: playlist, account, stream_id, number")
          List<Map<String, Object>> pinnedNumbers) {}

  @Inject SetupExport export;
  @Inject SetupRestore restore;

  @GET
  @APIResponse(
      responseCode = "200",
      description =
          "The backup (format lineup-backup/1): settings, rulesets with rules, accounts with"
              + " filters and assignments, guide sources, playlists with tokens, Xtream users",
      content = @Content(schema = @Schema(implementation = BackupDocument.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  public Response download(
      @Parameter(description = "true: include the provider secrets, sealed with the passphrase")
          @QueryParam("secrets")
          boolean secrets,
      @Parameter(description = "Seals the secrets (8 characters or more)") @HeaderParam(PASSPHRASE)
          String passphrase) {
    if (!secrets && passphrase != null && !passphrase.isEmpty()) {
      throw ProblemException.badRequest(
          "A passphrase was sent without secrets=true: add it to include the sealed secrets.");
    }
    JsonObject document = export.document(secrets ? required(passphrase) : null);
    String stamp =
        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Response.ok(document.toString())
        .header("Content-Disposition", "attachment; filename=\"lineup-backup-" + stamp + ".json\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BackupDocument.class)))
  @APIResponse(
      responseCode = "200",
      description = "What was restored (or, in a dry run, would be), object by object",
      content = @Content(schema = @Schema(implementation = RestoreReport.class)))
  @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
  @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
  @APIResponse(responseCode = "422", ref = ApiDocument.INVALID)
  public RestoreReport upload(
      InputStream body,
      @Parameter(description = "true: report what a restore would do, store nothing")
          @QueryParam("dry_run")
          boolean dryRun,
      @Parameter(description = "Opens the backup's sealed secrets") @HeaderParam(PASSPHRASE)
          String passphrase) {
    JsonObject document = JsonBody.parse(read(body)).json();
    return restore.restore(document, passphrase, dryRun);
  }

  private static String required(String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw ProblemException.badRequest(
          "secrets=true needs a passphrase in the " + PASSPHRASE + " header to seal them with.");
    }
    return passphrase;
  }

  /**
   * The body as text, at most {@link #MAX_BYTES}.
   *
   * @throws ProblemException 413 when it is bigger
   */
  static String read(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new ProblemException(
            413,
            "Payload too large",
            "A backup is at most " + (MAX_BYTES >> 20) + " MB; this upload is bigger.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ProblemException.badRequest("The upload broke off before its end.");
    }
  }
}
