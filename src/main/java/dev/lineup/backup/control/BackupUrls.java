package dev.lineup.backup.control;

import dev.lineup.account.entity.ServerUrl;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * URLs as a backup without secrets writes them. A playlist or guide URL may carry credentials
 * anywhere: in its query ({@code get.php?username=…&password=…}), its user info, or its path
 * ({@code /USER/PASS/playlist.m3u}, {@code /xmltv/USER/KEY.xml}), and no pattern tells them all. So
 * such a URL is written whole only when it has none of these places: no user info, no query, at
 * most one path segment; else as {@code scheme://host[:port]/***}. The sealed secrets hold it
 * whole; a restore keeps the stored URL whose hidden form the file holds.
 */
final class BackupUrls {
  static final String HIDDEN = "/***";

  private BackupUrls() {}

  static String hidden(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      long segments = path.chars().filter(c -> c == '/').count();
      boolean plain =
          uri.getRawUserInfo() == null
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && (segments <= 1);
      if (plain && uri.getHost() != null) {
        return url;
      }
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "***";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + HIDDEN;
    } catch (URISyntaxException e) {
      return "***";
    }
  }

  /** Whether a URL from a file lacks what the backup left out. */
  static boolean lacksSecrets(String url) {
    return url != null && url.contains("***");
  }

  /** The stored URL when the file holds its hidden (or masked) form, else the file's. */
  static String restored(String fromFile, String stored) {
    if (fromFile == null || stored == null) {
      return fromFile;
    }
    String given = fromFile.strip();
    return given.equals(hidden(stored)) || given.equals(ServerUrl.mask(stored)) ? stored : fromFile;
  }
}
