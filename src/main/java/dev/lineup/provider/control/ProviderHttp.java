package dev.lineup.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one HTTP client Lineup uses to reach IPTV providers: a polite User-Agent, configurable
 * timeouts, and failures turned into {@link ProviderException}s that name the host but never the
 * URL (provider URLs carry credentials).
 */
@ApplicationScoped
public class ProviderHttp {
  public static final String USER_AGENT = "Lineup/0.1 (self-hosted IPTV lineup manager)";
  private static final int MAX_SMALL_BODY = 4 * 1024 * 1024;

  @Inject
  @ConfigProperty(name = "PROVIDER_CONNECT_TIMEOUT_SECONDS", defaultValue = "10")
  int connectTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "PROVIDER_READ_TIMEOUT_SECONDS", defaultValue = "30")
  int readTimeoutSeconds;

  private volatile HttpClient client;

  HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return client;
  }

  /**
   * GETs a small document (a login answer) whole, within the read timeout.
   *
   * @throws ProviderException when the provider cannot be reached, times out or answers an HTTP
   *     error
   */
  public byte[] getSmall(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(readTimeoutSeconds))
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json, */*;q=0.5")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = pending.get(readTimeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timeout(uri);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.UNREACHABLE, "Interrupted while calling " + host(uri) + ".");
    } catch (ExecutionException e) {
      throw failure(uri, e.getCause());
    }
    if (response.statusCode() >= 400) {
      throw new ProviderException(
          ProviderException.Kind.HTTP_ERROR,
          host(uri) + " answered HTTP " + response.statusCode() + ".");
    }
    if (response.body().length > MAX_SMALL_BODY) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED, host(uri) + " sent an unexpectedly large answer.");
    }
    return response.body();
  }

  ProviderException timeout(URI uri) {
    return new ProviderException(
        ProviderException.Kind.TIMEOUT,
        host(uri) + " did not answer within " + readTimeoutSeconds + " s.");
  }

  ProviderException failure(URI uri, Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return timeout(uri);
    }
    if (cause instanceof UnknownHostException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE, "The host " + uri.getHost() + " is unknown.");
    }
    if (cause instanceof ConnectException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE, "Could not connect to " + host(uri) + ".");
    }
    if (cause instanceof IOException) {
      return new ProviderException(
          ProviderException.Kind.UNREACHABLE,
          "The connection to " + host(uri) + " failed (" + cause.getClass().getSimpleName() + ").");
    }
    return new ProviderException(
        ProviderException.Kind.UNREACHABLE, "Calling " + host(uri) + " failed.");
  }

  /** host[:port] of a provider URL: safe to show, unlike the URL itself. */
  public static String host(URI uri) {
    return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
