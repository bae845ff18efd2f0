package dev.lineup.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A player on a raw socket: it asks for a stream, reads the status and headers, and then takes the
 * body only when told to (or never: a viewer that reads nothing), and hangs up when closed.
 */
public final class StreamClient implements AutoCloseable {
  public final int status;
  public final String headers;
  private final Socket socket;
  private final InputStream in;

  private StreamClient(Socket socket, int status, String headers) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.status = status;
    this.headers = headers;
  }

  /** Opens {@code path} (GET) on Lineup, with a small receive buffer when {@code small}. */
  public static StreamClient open(String path, boolean small) throws IOException {
    return open(Api.BASE_URL, path, small);
  }

  /** Opens {@code path} (GET) on the Lineup server at {@code server}. */
  public static StreamClient open(String server, String path, boolean small) throws IOException {
    URI base = URI.create(server);
    Socket socket = new Socket();
    if (small) {
      socket.setReceiveBufferSize(4096);
    }
    socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5000);
    socket.setSoTimeout(20_000);
    socket
        .getOutputStream()
        .write(
            ("GET "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + base.getHost()
                    + "\r\n"
                    + "User-Agent: TestPlayer/2.0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        break;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = text.length() > 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    return new StreamClient(socket, status, text);
  }

  public static StreamClient open(String path) throws IOException {
    return open(path, false);
  }

  /** Reads at least {@code n} bytes of the body (chunk framing included); the count read. */
  public long read(long n) throws IOException {
    byte[] buffer = new byte[65536];
    long total = 0;
    while (total < n) {
      int r = in.read(buffer);
      if (r < 0) {
        break;
      }
      total += r;
    }
    return total;
  }

  /** The rest of the body as text (a problem's JSON), until the server closes. */
  public String rest() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
