package dev.lineup.support;

import dev.lineup.platform.Crypto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of the server the integration tests run against (started by the Maven build). */
public final class TestServer {
  private TestServer() {}

  /** The test server's folder. */
  public static Path dir() {
    return Path.of("target/liberty/wlp/usr/servers/lineup-it");
  }

  /** The folder the test servers share (SHARED_DIR, pom.xml): guides and rendered answers. */
  public static Path shared() {
    return Path.of("target/it-shared");
  }

  /** Where the test servers keep their guides: SHARED_DIR/epg. */
  public static Path guides() {
    return shared().resolve("epg");
  }

  /**
   * The test server's secrets: its {@code SECRET_KEY} when the build has one, else the key file it
   * generated. Fails when neither can be read.
   */
  public static Crypto secrets() {
    String configured = System.getenv("SECRET_KEY");
    if (configured != null && !configured.isBlank()) {
      return Crypto.forKey(configured.strip());
    }
    try {
      return Crypto.forKey(
          Files.readString(dir().resolve("secret.key"), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("The test server's secret key cannot be read", e);
    }
  }

  /** The test server's log; fails when it cannot be read. */
  public static String log() {
    try {
      return Files.readString(dir().resolve("logs/messages.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The test server's log cannot be read", e);
    }
  }
}
