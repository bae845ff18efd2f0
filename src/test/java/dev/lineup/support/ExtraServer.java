package dev.lineup.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One more Lineup server, started with the README's command ({@code sh src/run/extra-server.sh PORT
 * TEMPLATE}) against the test database, and killed ({@code SIGKILL}: no shutdown hook runs) or
 * stopped by the test.
 */
public final class ExtraServer implements AutoCloseable {
  public final String base;
  private final Process process;

  private ExtraServer(String base, Process process) {
    this.base = base;
    this.process = process;
  }

  /** Starts a copy of the built server {@code template} on {@code port}; waits until ready. */
  public static ExtraServer start(int port, String template) throws Exception {
    File log = new File("target/extra-server-" + port + ".log");
    Process process =
        new ProcessBuilder("sh", "src/run/extra-server.sh", Integer.toString(port), template)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    ExtraServer server = new ExtraServer("http://127.0.0.1:" + port, process);
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the extra server stopped: see " + log.getAbsolutePath());
      }
      try {
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(server.base + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return server;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    server.kill();
    throw new AssertionError("the extra server was not ready in 240 s: see " + log);
  }

  /** SIGKILL to the server's JVM and the scripts around it. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
