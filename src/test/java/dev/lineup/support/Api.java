package dev.lineup.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The integration tests' one HTTP client for the running Lineup server. Authentication, when it
 * arrives, is added here and nowhere else.
 */
public final class Api {
  public static final String BASE_URL =
      System.getProperty("lineup.baseUrl", "http://127.0.0.1:9080");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Api() {}

  /** A response: status, content type and the body as text (parsed on demand). */
  public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      return parse().asJsonObject();
    }

    public JsonArray array() {
      return parse().asJsonArray();
    }

    public boolean isProblem() {
      return contentType != null && contentType.startsWith("application/problem+json");
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    private JsonValue parse() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readValue();
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  public static Reply get(String path) {
    return get(path, "application/json");
  }

  /** GET with any Accept header (e.g. "text/plain" for /metrics). */
  public static Reply get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  /** GET with extra headers, given as name, value, name, value... */
  public static Reply get(String path, String accept, String... headers) {
    HttpRequest.Builder builder = request(path).header("Accept", accept);
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.GET());
  }

  /** GET with extra headers; the body as bytes (e.g. gzip), uncompressed by nobody. */
  public static HttpResponse<byte[]> bytes(String path, String... headers) {
    HttpRequest.Builder builder = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Reply delete(String path) {
    return send(request(path).header("Accept", "application/json").DELETE());
  }

  public static Reply post(String path) {
    return send(
        request(path)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  public static Reply post(String path, String json) {
    return send(json(request(path), "POST", json, "application/json"));
  }

  public static Reply put(String path, String json) {
    return send(json(request(path), "PUT", json, "application/json"));
  }

  public static Reply patch(String path, String json) {
    return send(json(request(path), "PATCH", json, "application/merge-patch+json"));
  }

  /** Any method, body and content type, for the error-path tests. */
  public static Reply send(String method, String path, String body, String contentType) {
    return send(json(request(path), method, body, contentType));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(60));
  }

  private static HttpRequest.Builder json(
      HttpRequest.Builder builder, String method, String body, String contentType) {
    return builder
        .header("Accept", "application/json")
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private static Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
