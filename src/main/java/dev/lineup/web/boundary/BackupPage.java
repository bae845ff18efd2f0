package dev.lineup.web.boundary;

import dev.lineup.backup.control.ScheduledBackups;
import dev.lineup.web.control.PageRenderer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The backup page ({@code /backup}): download the setup as one file (provider secrets sealed with a
 * passphrase, or left out), restore a backup, and import the legacy tool's database — each upload
 * checked first (a dry run whose report lists every object) and stored only when confirmed. It also
 * shows the scheduled backups (BACKUP_DIR) and their files.
 */
@WebServlet(urlPatterns = {"/backup"})
public class BackupPage extends HttpServlet {
  @Inject ScheduledBackups scheduled;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute("schedule", scheduled.schedule(true));
    PageRenderer.render(request, response, "backup/page", "backup");
  }
}
