package dev.lineup.platform;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * This server among the servers sharing the database: a random id per start (so a restarted server
 * never mistakes its earlier leases for its own) and a readable name for logs and the sync history.
 */
public final class ServerIdentity {
  /** 16 URL-safe characters, new at every start. */
  public static final String ID = newId();

  /** The host name and Liberty's server name ("box/lineup"): several may run on one host. */
  public static final String NAME =
      hostName() + "/" + System.getProperty("wlp.server.name", "lineup");

  private ServerIdentity() {}

  private static String newId() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
