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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The integration tests' one HTTP client for the running Lineup server. Authentication is added
 * here and nowhere else: on first use it creates the admin through the setup page with the setup
 * code from the server's log (or finds it made), signs in through the sign-in form, makes an API
 * token with that session, and sends the token with every request ({@code Authorization: Bearer}).
 */
public final class Api {
  public static final String BASE_URL =
      System.getProperty("lineup.baseUrl", "http://127.0.0.1:9080");

  /**
   * The test server's admin, made by the first test that talks to it (a server whose database has
   * another admin needs {@code -Dlineup.admin.user} and {@code -Dlineup.admin.password}).
   */
  public static final String ADMIN_USER = System.getProperty("lineup.admin.user", "admin");

  public static final String ADMIN_PASSWORD =
      System.getProperty("lineup.admin.password", "integration-test-password");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static volatile String token;

  static {
    awaitReady();
  }

  private Api() {}

  /**
   * Waits until the application itself is ready ({@code /health/ready} is 200): on a loaded machine
   * Liberty reports the server started long before the application is (seen: 55 s), and every
   * request in between is a 404.
   */
  private static void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(BASE_URL + "/health/ready"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
        last = ready.statusCode() + " " + ready.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("Lineup at " + BASE_URL + " is not ready: " + last);
  }

  /** A signed-in browser session: its cookie ("lineup_session=…") and its CSRF token. */
  public record Session(String cookie, String csrf) {}

  /** Adds the tests' API token to a request of one's own (SSE, timed benchmark requests). */
  public static HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    return builder.header("Authorization", "Bearer " + token());
  }

  /**
   * The setup code the server wrote to its log ({@code -Dlineup.setup.code} for a server
   * elsewhere); "" when there is none (a server whose admin exists logs none).
   */
  public static String setupCode() {
    return System.getProperty("lineup.setup.code", ServerLog.setupCode().orElse(""));
  }

  /** The API token every request sends; made once per test JVM. */
  public static synchronized String token() {
    if (token == null) {
      HttpResponse<String> setup =
          anonymous(
              form(
                  "/setup",
                  "setup_code",
                  setupCode(),
                  "username",
                  ADMIN_USER,
                  "password",
                  ADMIN_PASSWORD,
                  "confirmation",
                  ADMIN_PASSWORD));
      if (setup.statusCode() != 303 && setup.statusCode() != 409) {
        throw new IllegalStateException("Setup failed: " + setup.statusCode() + " " + setup.body());
      }
      Session session = signIn(ADMIN_USER, ADMIN_PASSWORD);
      HttpResponse<String> made =
          anonymous(
              request("/api/tokens")
                  .header("Cookie", session.cookie())
                  .header("X-CSRF-Token", session.csrf())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"integration tests\"}")));
      if (made.statusCode() != 201) {
        throw new IllegalStateException("No API token: " + made.statusCode() + " " + made.body());
      }
      try (JsonReader reader = Json.createReader(new StringReader(made.body()))) {
        token = reader.readObject().getString("token");
      }
    }
    return token;
  }

  /** Signs in through the sign-in form, as a browser does; fails unless it is accepted. */
  public static Session signIn(String username, String password) {
    HttpResponse<String> login =
        anonymous(form("/login", "username", username, "password", password, "next", "/"));
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("lineup_session="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Sign-in refused: " + login.statusCode() + " " + login.body()));
    HttpResponse<String> who = anonymous(request("/api/session").header("Cookie", cookie).GET());
    try (JsonReader reader = Json.createReader(new StringReader(who.body()))) {
      return new Session(cookie, reader.readObject().getString("csrf_token"));
    }
  }

  /** A form post (application/x-www-form-urlencoded) of name, value, name, value... */
  public static HttpRequest.Builder form(String path, String... fields) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  /** Sends a request as it is: no token (the access tests; redirects are not followed). */
  public static HttpResponse<String> anonymous(HttpRequest.Builder builder) {
    try {
      return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

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
      return CLIENT.send(
          authorized(builder).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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

  /** A request to the server, without credentials yet. */
  public static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(60));
  }

  private static HttpRequest.Builder json(
      HttpRequest.Builder builder, String method, String body, String contentType) {
    return builder
        .header("Accept", "application/json")
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  public static Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          CLIENT.send(authorized(builder).build(), HttpResponse.BodyHandlers.ofString());
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
