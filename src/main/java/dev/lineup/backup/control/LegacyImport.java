package dev.lineup.backup.control;

import dev.lineup.platform.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** The legacy database's import: the upload kept in a temporary file, read, then stored. */
public final class LegacyImport {
  private static final Logger LOG = Logger.getLogger(LegacyImport.class.getName());

  /** The database holds its channels too: a big lineup's file runs to hundreds of MB. */
  public static final long MAX_BYTES = 1024L * 1024 * 1024;

  private LegacyImport() {}

  /** Reads the file and stores (or, in a dry run, reports) what it holds. */
  public static RestoreReport imported(
      SetupRestore restore, jakarta.validation.Validator validator, Path file, boolean dryRun) {
    LegacyDatabase.Read read = LegacyDatabase.read(file, validator);
    RestoreReport report =
        restore.restoreImport(read.document(), read.secrets(), dryRun, read.report());
    LOG.info(() -> "Legacy import" + (dryRun ? " (dry run)" : "") + ": " + report.totals());
    return report;
  }

  /**
   * The upload in a temporary file (owner-only), at most {@link #MAX_BYTES}.
   *
   * @throws ProblemException 400 when empty or broken off, 413 when too big
   */
  public static Path received(InputStream body) {
    Path file;
    try {
      file = Files.createTempFile("lineup-legacy-", ".db");
    } catch (IOException e) {
      throw new ProblemException(503, "Not available", "No room for the upload: " + e.getMessage());
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = body.read(buffer)) > 0; ) {
        total += n;
        if (total > MAX_BYTES) {
          throw new ProblemException(
              413,
              "Payload too large",
              "The legacy database is at most 1 GB; this upload is bigger.");
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw ProblemException.badRequest(
            "The request needs the legacy tool's database file (iptv_proxy.db) as its body.");
      }
      return file;
    } catch (IOException e) {
      delete(file);
      throw ProblemException.badRequest("The upload broke off before its end.");
    } catch (RuntimeException e) {
      delete(file);
      throw e;
    }
  }

  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warning(() -> "Could not delete the upload " + file + ": " + e.getMessage());
    }
  }
}
