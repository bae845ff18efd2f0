package dev.lineup.provider.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A provider's body that tells {@link #counted(int)} how many bytes it gives, as it gives them, so
 * a bound on what a provider sends is checked while it is read, before a parser holds it whole.
 * {@link #counted(int)} refuses more by throwing.
 */
public abstract class CountedInputStream extends FilterInputStream {
  protected CountedInputStream(InputStream in) {
    super(in);
  }

  /** {@code bytes} (at least 1) more were read. */
  protected abstract void counted(int bytes) throws IOException;

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }
}
