package dev.lineup.epg.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A stored guide's programmes by channel, for the questions a player asks of one channel ("what is
 * on now and next": Xtream's {@code get_short_epg}). The guide file itself is one gzip stream, read
 * from the start; this file, built from it, is read at random: one channel's programmes in one
 * read.
 *
 * <p>Layout (big-endian): the magic {@code LPI1}, the guide file's size and modification time it
 * was built from, the number of channels and where their table starts; then one block per channel
 * (the 64-bit hash of its id, its programme count, its programmes: start and stop in epoch seconds,
 * title, description and language as modified UTF-8); then the table, sorted by hash: hash, block
 * offset, block length. A lookup is a binary search in the table and one read of the block. Hashes
 * are the 64-bit FNV-1a of the id's UTF-8 (the ids come from the admin's own guides): two ids
 * sharing one is a chance of about 10^-9 in a guide of 100,000 channels.
 *
 * <p>Building reads the guide once, writes each programme (made compact) to a temporary file with
 * its channel's number, then copies each to its place in the channel's block. Memory holds three
 * numbers per channel, never the programmes. A channel's programmes past 2 MB are left out, so a
 * provider's outsized channel cannot fill the memory of the questions about it.
 */
public final class ProgrammeIndex {
  private static final int MAGIC = 0x4c504931; // "LPI1"
  private static final int HEADER = 4 + 8 + 8 + 4 + 8;
  private static final int ENTRY = 8 + 8 + 4;
  static final int MAX_TITLE = 1_000;
  static final int MAX_DESCRIPTION = 4_000;

  /** The most one channel's programmes take (a week of 5-minute slots takes about 0.6 MB). */
  private static final int MAX_BLOCK = 2 << 20;

  /** One programme: times in epoch seconds (stop 0 when the guide gives none). */
  public record Programme(long start, long stop, String title, String description, String lang) {}

  private final Path file;

  public ProgrammeIndex(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Whether this index was built from {@code guide} as it is now. */
  public boolean current(Path guide) {
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer head = read(channel, 0, HEADER);
      return head.getInt() == MAGIC
          && head.getLong() == Files.size(guide)
          && head.getLong() == Files.getLastModifiedTime(guide).toMillis();
    } catch (IOException e) {
      return false;
    }
  }

  /** The programmes of {@code channelId}, by start time; empty when the guide has none. */
  public List<Programme> programmes(String channelId) throws IOException {
    long hash = hash(channelId);
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer head = read(channel, 0, HEADER);
      if (head.getInt() != MAGIC) {
        throw new IOException(file + " is not a programme index");
      }
      head.getLong();
      head.getLong();
      int channels = head.getInt();
      long table = head.getLong();
      int low = 0;
      int high = channels - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        ByteBuffer entry = read(channel, table + (long) middle * ENTRY, ENTRY);
        long found = entry.getLong();
        if (found < hash) {
          low = middle + 1;
        } else if (found > hash) {
          high = middle - 1;
        } else {
          long offset = entry.getLong();
          int length = entry.getInt();
          if (length < 12 || length > MAX_BLOCK) {
            throw new IOException(file + " is damaged");
          }
          return block(read(channel, offset, length));
        }
      }
      return List.of();
    }
  }

  private static List<Programme> block(ByteBuffer block) throws IOException {
    block.getLong();
    int count = block.getInt();
    DataInputStream in =
        new DataInputStream(
            new ByteArrayInputStream(block.array(), block.position(), block.remaining()));
    List<Programme> programmes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      programmes.add(
          new Programme(in.readLong(), in.readLong(), in.readUTF(), in.readUTF(), in.readUTF()));
    }
    programmes.sort(Comparator.comparingLong(Programme::start));
    return programmes;
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("programme index cut off");
      }
    }
    return buffer.flip();
  }

  /** What building needs of a stored guide: its programme records, in order. */
  @FunctionalInterface
  public interface ProgrammeSource {
    /** Calls {@code sink} with each programme record's channel id and XML. */
    void each(ProgrammeSink sink) throws IOException;
  }

  @FunctionalInterface
  public interface ProgrammeSink {
    void accept(String channelId, byte[] xml, int length) throws IOException;
  }

  /** Builds the index of the guide file {@code guide}, whose programmes {@code source} gives. */
  public void build(Path guide, ProgrammeSource source) throws IOException {
    long size = Files.size(guide);
    long modified = Files.getLastModifiedTime(guide).toMillis();
    Path records = Files.createTempFile(file.getParent(), "programmes-", ".tmp");
    Path built = Files.createTempFile(file.getParent(), "programmes-", ".tmp");
    try {
      Channels channels = new Channels();
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(records), 1 << 16))) {
        ByteArrayOutputStream compact = new ByteArrayOutputStream(512);
        DataOutputStream record = new DataOutputStream(compact);
        source.each(
            (channelId, xml, length) -> {
              compact.reset();
              if (!ProgrammeXml.write(xml, length, record)) {
                return; // no start time: no one can ask for it
              }
              int ordinal = channels.ordinal(hash(channelId));
              if (!channels.add(ordinal, compact.size())) {
                return; // the channel's block is full: a guide no player could page through
              }
              out.writeInt(ordinal);
              out.writeInt(compact.size());
              compact.writeTo(out);
            });
      }
      // Blocks in ordinal order; the table in hash order.
      int n = channels.size();
      long[] offsets = new long[n];
      long position = HEADER;
      for (int i = 0; i < n; i++) {
        offsets[i] = position;
        position += 12 + channels.bytes[i];
      }
      long table = position;
      try (FileChannel out =
          FileChannel.open(built, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
          ByteBuffer head =
              ByteBuffer.allocate(12).putLong(channels.hashes[i]).putInt(channels.counts[i]);
          write(out, head.flip(), offsets[i]);
          next[i] = offsets[i] + 12;
        }
        try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(records), 1 << 16))) {
          byte[] buffer = new byte[1024];
          while (true) {
            int ordinal;
            try {
              ordinal = in.readInt();
            } catch (EOFException end) {
              break;
            }
            int length = in.readInt();
            if (buffer.length < length) {
              buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            in.readFully(buffer, 0, length);
            write(out, ByteBuffer.wrap(buffer, 0, length), next[ordinal]);
            next[ordinal] += length;
          }
        }
        Integer[] byHash = new Integer[n];
        for (int i = 0; i < n; i++) {
          byHash[i] = i;
        }
        Arrays.sort(byHash, Comparator.comparingLong(i -> channels.hashes[i]));
        ByteBuffer entries = ByteBuffer.allocate(64 * ENTRY);
        long at = table;
        for (int i : byHash) {
          if (!entries.hasRemaining()) {
            at += write(out, entries.flip(), at);
            entries.clear();
          }
          entries.putLong(channels.hashes[i]).putLong(offsets[i]).putInt(12 + channels.bytes[i]);
        }
        write(out, entries.flip(), at);
        ByteBuffer head =
            ByteBuffer.allocate(HEADER)
                .putInt(MAGIC)
                .putLong(size)
                .putLong(modified)
                .putInt(n)
                .putLong(table);
        write(out, head.flip(), 0);
      }
      Files.move(built, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(records);
      Files.deleteIfExists(built);
    }
  }

  private static int write(FileChannel out, ByteBuffer buffer, long position) throws IOException {
    int written = 0;
    while (buffer.hasRemaining()) {
      written += out.write(buffer, position + written);
    }
    return written;
  }

  /** 64-bit FNV-1a of the id's UTF-8 bytes. */
  static long hash(String channelId) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : channelId.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** The channels seen while building: an open-addressing table from hash to ordinal. */
  private static final class Channels {
    long[] hashes = new long[1024];
    int[] counts = new int[1024];
    int[] bytes = new int[1024];
    private long[] slots = new long[2048];
    private int[] ordinals = new int[2048];
    private int size;

    int ordinal(long hash) {
      int mask = slots.length - 1;
      int slot = (int) (mix(hash) & mask);
      while (ordinals[slot] != 0) {
        if (slots[slot] == hash) {
          return ordinals[slot] - 1;
        }
        slot = (slot + 1) & mask;
      }
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      hashes[size] = hash;
      slots[slot] = hash;
      ordinals[slot] = ++size;
      if (size * 2 > slots.length) {
        grow();
      }
      return size - 1;
    }

    /** Counts a programme of the channel; false when its block would grow past its bound. */
    boolean add(int ordinal, int recordBytes) {
      if ((long) bytes[ordinal] + recordBytes + 12 > MAX_BLOCK) {
        return false;
      }
      counts[ordinal]++;
      bytes[ordinal] += recordBytes;
      return true;
    }

    int size() {
      return size;
    }

    private void grow() {
      long[] oldSlots = slots;
      int[] oldOrdinals = ordinals;
      slots = new long[oldSlots.length * 2];
      ordinals = new int[oldSlots.length * 2];
      int mask = slots.length - 1;
      for (int i = 0; i < oldSlots.length; i++) {
        if (oldOrdinals[i] != 0) {
          int slot = (int) (mix(oldSlots[i]) & mask);
          while (ordinals[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          slots[slot] = oldSlots[i];
          ordinals[slot] = oldOrdinals[i];
        }
      }
    }

    private static long mix(long hash) {
      return hash ^ (hash >>> 29) ^ (hash >>> 47);
    }
  }

  /** XMLTV's time, {@code YYYYMMDDhhmmss +hhmm} (seconds and zone optional), as epoch seconds. */
  static long time(String value) {
    if (value == null) {
      return 0;
    }
    String text = value.strip();
    int digits = 0;
    while (digits < text.length() && digits < 14 && Character.isDigit(text.charAt(digits))) {
      digits++;
    }
    if (digits < 12) {
      return 0;
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(text.substring(0, 4)),
              Integer.parseInt(text.substring(4, 6)),
              Integer.parseInt(text.substring(6, 8)),
              Integer.parseInt(text.substring(8, 10)),
              Integer.parseInt(text.substring(10, 12)),
              digits >= 14 ? Integer.parseInt(text.substring(12, 14)) : 0);
      String zone = text.substring(digits).strip();
      int offset = 0;
      if (zone.length() >= 5 && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
        int hours = Integer.parseInt(zone.substring(1, 3));
        int minutes = Integer.parseInt(zone.substring(3, 5));
        offset = (zone.charAt(0) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      }
      return local.toEpochSecond(ZoneOffset.ofTotalSeconds(offset));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
