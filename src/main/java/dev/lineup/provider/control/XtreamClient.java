package dev.lineup.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Talks to Xtream Codes panels ({@code player_api.php}). Accepts the panels' quirks: numbers sent
 * as strings, nulls, {@code auth} as 0/1. An HTML page, a non-object or {@code auth:0} is a failed
 * call, never an empty answer.
 */
@ApplicationScoped
public class XtreamClient {
  @Inject ProviderHttp http;

  public XtreamLogin login(String serverUrl, String username, String password) {
    URI uri = playerApi(serverUrl, username, password, null);
    JsonObject answer = parseObject(uri, http.getSmall(uri));
    JsonValue userValue = answer.get("user_info");
    if (!(userValue instanceof JsonObject user)) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri) + " did not answer like an Xtream Codes panel (no user_info).");
    }
    if (!"1".equals(text(user, "auth"))) {
      throw rejected(uri);
    }
    JsonObject server =
        answer.get("server_info") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
    return new XtreamLogin(
        true,
        new XtreamLogin.ServerInfo(
            text(server, "url"),
            text(server, "port"),
            text(server, "https_port"),
            text(server, "server_protocol"),
            text(server, "timezone"),
            text(server, "time_now")),
        new XtreamLogin.UserInfo(
            text(user, "username"),
            text(user, "status"),
            epochToIso(text(user, "exp_date")),
            integer(user, "max_connections"),
            integer(user, "active_cons"),
            integer(user, "is_trial") == null ? null : integer(user, "is_trial") != 0,
            ExpiryDate.unreadable(text(user, "exp_date"))));
  }

  /**
   * Streams {@code get_live_categories} into {@code sink}. Categories without an id are skipped.
   *
   * @throws ProviderException when the answer is not a list (HTML, {@code auth:0}, cut off, ...)
   */
  public void liveCategories(
      String serverUrl, String username, String password, Consumer<ProviderCategory> sink) {
    URI uri = playerApi(serverUrl, username, password, "get_live_categories");
    http.stream(
        uri,
        body ->
            readList(
                uri,
                body,
                item -> {
                  String id = Text.blankToNull(text(item, "category_id"));
                  if (id != null) {
                    sink.accept(
                        new ProviderCategory(
                            Text.cut(id, 191),
                            Text.cut(nonNull(text(item, "category_name")), 512)));
                  }
                }));
  }

  /**
   * Streams {@code get_live_streams} into {@code sink}, one channel at a time: memory does not grow
   * with the list. Channels without a stream id are skipped.
   *
   * @throws ProviderException when the answer is not a list (HTML, {@code auth:0}, cut off, ...)
   */
  public void liveStreams(
      String serverUrl, String username, String password, Consumer<ProviderChannel> sink) {
    URI uri = playerApi(serverUrl, username, password, "get_live_streams");
    http.stream(
        uri,
        body ->
            readList(
                uri,
                body,
                item -> {
                  ProviderChannel channel = channel(item);
                  if (channel != null) {
                    sink.accept(channel);
                  }
                }));
  }

  static ProviderChannel channel(JsonObject item) {
    String streamId = Text.blankToNull(text(item, "stream_id"));
    if (streamId == null) {
      return null;
    }
    String categoryId = Text.blankToNull(text(item, "category_id"));
    if (categoryId == null && item.get("category_ids") instanceof JsonArray ids && !ids.isEmpty()) {
      categoryId = Text.blankToNull(ids.get(0).toString().replace("\"", ""));
    }
    Integer archive = integer(item, "tv_archive");
    String added = Text.blankToNull(text(item, "added"));
    Long addedEpoch = null;
    if (added != null) {
      try {
        addedEpoch = Long.parseLong(added.strip());
      } catch (NumberFormatException e) {
        addedEpoch = null; // panels send junk here now and then; it is informational only
      }
    }
    return new ProviderChannel(
        Text.cut(streamId, 191),
        integer(item, "num"),
        Text.cut(nonNull(text(item, "name")).strip(), 512),
        categoryId == null ? null : Text.cut(categoryId, 191),
        Text.cut(Text.blankToNull(text(item, "stream_type")), 32),
        Text.cut(Text.blankToNull(text(item, "stream_icon")), 2048),
        Text.cut(Text.blankToNull(text(item, "epg_channel_id")), 255),
        addedEpoch,
        Text.cut(Text.blankToNull(text(item, "custom_sid")), 255),
        archive != null && archive != 0,
        integer(item, "tv_archive_duration"),
        Text.cut(Text.blankToNull(text(item, "direct_source")), 2048),
        null,
        null);
  }

  /**
   * Reads a JSON list item by item. Accepts a top-level array, or an object keyed by index (some
   * panels serialise PHP arrays that way). A login answer ({@code user_info}) in its place means
   * the credentials were rejected; anything else that is not a list is a malformed answer.
   */
  static void readList(URI uri, InputStream raw, Consumer<JsonObject> sink) throws IOException {
    try {
      readItems(uri, raw, sink);
    } catch (ItemBound.TooLarge e) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri)
              + " sent a list entry larger than "
              + MAX_ITEM / 1024
              + " KiB, where channels take about 1 KiB.");
    }
  }

  /** The largest entry of a list taken: 1 MiB (an endless one would fill the memory). */
  static final int MAX_ITEM = 1024 * 1024;

  private static void readItems(URI uri, InputStream raw, Consumer<JsonObject> sink)
      throws IOException {
    ItemBound bound = new ItemBound(raw, MAX_ITEM);
    BufferedInputStream body = new BufferedInputStream(bound, 64 * 1024);
    int first = firstSignificantByte(body);
    if (first < 0) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED, ProviderHttp.host(uri) + " sent an empty answer.");
    }
    if (first == '<') {
      throw htmlAnswer(uri);
    }
    try (JsonParser parser = Json.createParser(body)) {
      JsonParser.Event start = parser.next();
      if (start == JsonParser.Event.START_ARRAY) {
        while (true) {
          JsonParser.Event event = parser.next();
          if (event == JsonParser.Event.END_ARRAY) {
            break;
          }
          if (event == JsonParser.Event.START_OBJECT) {
            bound.nextItem();
            sink.accept(parser.getObject());
          } else if (event == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
          }
        }
      } else if (start == JsonParser.Event.START_OBJECT) {
        while (true) {
          JsonParser.Event event = parser.next();
          if (event == JsonParser.Event.END_OBJECT) {
            break;
          }
          if (event != JsonParser.Event.KEY_NAME) {
            continue;
          }
          bound.nextItem();
          String key = parser.getString();
          JsonParser.Event value = parser.next();
          if (value != JsonParser.Event.START_OBJECT) {
            if (value == JsonParser.Event.START_ARRAY) {
              parser.skipArray();
            }
            throw notAList(uri);
          }
          JsonObject item = parser.getObject();
          if (key.equals("user_info")) {
            throw "0".equals(text(item, "auth")) ? rejected(uri) : notAList(uri);
          }
          sink.accept(item);
        }
      } else {
        throw notAList(uri);
      }
      if (parser.hasNext()) {
        throw new ProviderException(
            ProviderException.Kind.MALFORMED,
            ProviderHttp.host(uri) + " sent extra data after the list.");
      }
    } catch (JsonException | NoSuchElementException e) {
      if (e.getCause() instanceof ItemBound.TooLarge tooLarge) {
        throw tooLarge; // the parser wraps what its stream throws
      }
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri) + " sent JSON that is cut off or invalid.");
    }
  }

  /**
   * A body that refuses to hand out more than {@code max} bytes for one list entry: the count
   * starts again at each entry, so only a single huge entry (or a huge gap) trips it, not a long
   * list. The parser reads a little ahead, so an entry may use a few KiB more than counted.
   */
  static final class ItemBound extends CountedInputStream {
    static final class TooLarge extends IOException {
      TooLarge() {
        super("a list entry is too large", null);
      }
    }

    private final long max;
    private long sinceItem;

    ItemBound(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    void nextItem() {
      sinceItem = 0;
    }

    @Override
    protected void counted(int n) throws TooLarge {
      sinceItem += n;
      if (sinceItem > max) {
        throw new TooLarge();
      }
    }
  }

  private static int firstSignificantByte(BufferedInputStream body) throws IOException {
    body.mark(4096);
    int b;
    int skipped = 0;
    do {
      b = body.read();
      skipped++;
    } while (b >= 0
        && skipped < 4096
        && (Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF));
    body.reset();
    return b;
  }

  private static ProviderException htmlAnswer(URI uri) {
    return new ProviderException(
        ProviderException.Kind.NOT_JSON,
        ProviderHttp.host(uri)
            + " sent an HTML page instead of JSON (wrong URL, or a blocked or suspended account?).");
  }

  private static ProviderException rejected(URI uri) {
    return new ProviderException(
        ProviderException.Kind.AUTH_REJECTED,
        ProviderHttp.host(uri) + " rejected the username or password (auth: 0).");
  }

  private static ProviderException notAList(URI uri) {
    return new ProviderException(
        ProviderException.Kind.MALFORMED, ProviderHttp.host(uri) + " did not answer with a list.");
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  /** {@code {server}/player_api.php?username=…&password=…[&action=…]}: a secret, never log it. */
  static URI playerApi(String serverUrl, String username, String password, String action) {
    StringBuilder url =
        new StringBuilder(serverUrl)
            .append("/player_api.php?username=")
            .append(URLEncoder.encode(username == null ? "" : username, StandardCharsets.UTF_8))
            .append("&password=")
            .append(URLEncoder.encode(password == null ? "" : password, StandardCharsets.UTF_8));
    if (action != null) {
      url.append("&action=").append(action);
    }
    return ProviderHttp.uri(url.toString());
  }

  private static JsonObject parseObject(URI uri, byte[] body) {
    int first = 0;
    while (first < body.length
        && (Character.isWhitespace(body[first])
            || body[first] == (byte) 0xEF
            || body[first] == (byte) 0xBB
            || body[first] == (byte) 0xBF)) {
      first++;
    }
    if (first == body.length) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED, ProviderHttp.host(uri) + " sent an empty answer.");
    }
    if (body[first] == '<') {
      throw new ProviderException(
          ProviderException.Kind.NOT_JSON,
          ProviderHttp.host(uri)
              + " sent an HTML page instead of JSON (wrong URL, or a blocked"
              + " or suspended account?).");
    }
    try (JsonReader reader =
        Json.createReader(new ByteArrayInputStream(body, first, body.length - first))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object) {
        return object;
      }
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri)
              + " answered with a JSON "
              + value.getValueType().name().toLowerCase()
              + " where an object was expected.");
    } catch (JsonException e) {
      throw new ProviderException(
          ProviderException.Kind.MALFORMED,
          ProviderHttp.host(uri) + " sent JSON that is cut off or invalid.");
    }
  }

  /** A string, number or boolean member as text (panels send numbers as strings and back). */
  static String text(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null) {
      return null;
    }
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).toString();
      case TRUE -> "1";
      case FALSE -> "0";
      default -> null;
    };
  }

  static Integer integer(JsonObject object, String key) {
    String text = text(object, key);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return (int) Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String epochToIso(String expDate) {
    return ExpiryDate.parse(expDate).map(Instant::toString).orElse(null);
  }
}
