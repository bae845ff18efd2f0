package dev.lineup.sync.control;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The account's stored channels as the sync sees them before its fetch, held compactly in memory
 * (four primitive arrays: a keyed hash of the stream id, the channel's row id, its fingerprint and
 * two flags; 25 bytes a slot, at most 2 slots a channel) so that the reading thread can drop a
 * channel the database already holds unchanged before it is written anywhere. An unchanged re-sync
 * thus stages nothing, and the merge deactivates the channels the provider no longer lists by row
 * id.
 *
 * <p>Stream ids are compared by a 64-bit SipHash keyed at random for each sync, so a provider
 * cannot craft colliding ids. Two stored ids that still share a hash are found while loading, which
 * then starts again with a new key. A listed id sharing the hash of a stored one (odds about 1 in
 * 10^9 for a list of 100,000 against 100,000) is taken for that stored channel until the next sync,
 * whose key differs: the stored one stays active meanwhile, and the listed one is staged (and
 * merged by its exact id) unless its fingerprint equals the stored one's.
 *
 * <p>Written by the reading thread while the fetch runs; read by the sync's thread after the fetch
 * has handed over its last chunk (the staging queue orders the two).
 */
final class StoredChannels {
  /** What the reading thread does with a listed channel. */
  enum Verdict {
    /** New, changed or returning: stage it for the merge. */
    STAGE,
    /** Stored, active and unchanged: nothing to write. */
    UNCHANGED,
    /** A stored channel listed again in the same fetch: the first entry wins. */
    REPEATED
  }

  private static final byte ACTIVE = 1;
  private static final byte SEEN = 2;
  private static final SecureRandom KEYS = new SecureRandom();

  private static final int ATTEMPTS = 4;

  private final long key0;
  private final long key1;
  private final long[] keys;
  private final long[] ids;
  private final long[] fingerprints;
  private final byte[] flags;
  private final int mask;
  private int size;
  private int active;
  private int unchanged;

  /** Reads the account's stored channels (one streamed pass over its rows). */
  static StoredChannels load(Connection connection, long accountId) throws SQLException {
    int count;
    try (PreparedStatement query =
        connection.prepareStatement("SELECT COUNT(*) FROM channels WHERE account_id = ?")) {
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        count = rs.getInt(1);
      }
    }
    for (int attempt = 1; ; attempt++) {
      StoredChannels stored = new StoredChannels(count, KEYS.nextLong(), KEYS.nextLong());
      if (stored.read(connection, accountId)) {
        return stored;
      }
      if (attempt == ATTEMPTS) {
        // Not a collision (odds below 1 in 10^30): rows are being added while this reads them.
        throw new SQLException("The account's channels changed while the sync read them");
      }
      count = Math.max(count, stored.size) * 2;
    }
  }

  /** An empty table for {@code count} channels, hashing with the key (key0, key1). */
  StoredChannels(int count, long key0, long key1) {
    this.key0 = key0;
    this.key1 = key1;
    int capacity = Integer.highestOneBit(Math.max(16, count * 2 - 1)) << 1;
    keys = new long[capacity];
    ids = new long[capacity];
    fingerprints = new long[capacity];
    flags = new byte[capacity];
    mask = capacity - 1;
  }

  /** False when two stored ids share a hash under this key. */
  private boolean read(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, stream_id, fingerprint, is_active FROM channels WHERE account_id = ?")) {
      query.setFetchSize(1000);
      query.setLong(1, accountId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          if (!put(rs.getString(2), rs.getLong(1), rs.getLong(3), rs.getBoolean(4))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Adds a stored channel; false when its hash is taken (the caller starts again with a new key).
   */
  boolean put(String streamId, long id, long fingerprint, boolean isActive) {
    if (size * 2 >= keys.length) {
      return false; // more rows than counted (a concurrent write): start again, sized anew
    }
    long key = hash(streamId);
    int slot = slot(key);
    while (ids[slot] != 0) {
      if (keys[slot] == key) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    ids[slot] = id; // row ids start at 1: 0 marks a free slot
    fingerprints[slot] = fingerprint;
    flags[slot] = isActive ? ACTIVE : 0;
    size++;
    if (isActive) {
      active++;
    }
    return true;
  }

  /** Reading thread: what to do with a listed channel; marks a stored one as listed. */
  Verdict check(String streamId, long fingerprint) {
    long key = hash(streamId);
    for (int slot = slot(key); ids[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] != key) {
        continue;
      }
      byte flag = flags[slot];
      if ((flag & SEEN) != 0) {
        return Verdict.REPEATED;
      }
      flags[slot] = (byte) (flag | SEEN);
      if ((flag & ACTIVE) != 0 && fingerprints[slot] == fingerprint) {
        unchanged++;
        return Verdict.UNCHANGED;
      }
      return Verdict.STAGE;
    }
    return Verdict.STAGE;
  }

  /** Stored channels, active or not. */
  int size() {
    return size;
  }

  /** Stored active channels. */
  int active() {
    return active;
  }

  /** Active channels listed again unchanged (not staged). */
  int unchanged() {
    return unchanged;
  }

  /** Active channels the fetch did not list. */
  int missing() {
    int missing = 0;
    for (int slot = 0; slot < flags.length; slot++) {
      if (flags[slot] == ACTIVE) {
        missing++;
      }
    }
    return missing;
  }

  /** The row ids of the active channels the fetch did not list. */
  PrimitiveIterator.OfLong missingIds() {
    return new PrimitiveIterator.OfLong() {
      private int slot = next(0);

      private int next(int from) {
        int at = from;
        while (at < flags.length && flags[at] != ACTIVE) {
          at++;
        }
        return at;
      }

      @Override
      public boolean hasNext() {
        return slot < flags.length;
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long id = ids[slot];
        slot = next(slot + 1);
        return id;
      }
    };
  }

  private int slot(long key) {
    return (int) (key ^ (key >>> 32)) & mask;
  }

  /**
   * SipHash-2-4 of the id's UTF-16 code units (little-endian), keyed with this load's random key: a
   * hash built so that whoever does not know the key cannot make ids collide.
   */
  long hash(String streamId) {
    // The column's utf8mb4_bin collation pads with spaces: 'abc' and 'abc ' are one id to MariaDB,
    // so they are one here too (without trailing spaces; every other difference counts).
    int length = streamId.length();
    while (length > 0 && streamId.charAt(length - 1) == ' ') {
      length--;
    }
    long[] v = {
      0x736f6d6570736575L ^ key0,
      0x646f72616e646f6dL ^ key1,
      0x6c7967656e657261L ^ key0,
      0x7465646279746573L ^ key1
    };
    int whole = length & ~3;
    for (int i = 0; i < whole; i += 4) {
      long m =
          streamId.charAt(i)
              | (long) streamId.charAt(i + 1) << 16
              | (long) streamId.charAt(i + 2) << 32
              | (long) streamId.charAt(i + 3) << 48;
      compress(v, m);
    }
    long last = (long) (length * 2) << 56;
    for (int i = whole; i < length; i++) {
      last |= (long) streamId.charAt(i) << (16 * (i - whole));
    }
    compress(v, last);
    v[2] ^= 0xff;
    for (int round = 0; round < 4; round++) {
      round(v);
    }
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  private static void compress(long[] v, long m) {
    v[3] ^= m;
    round(v);
    round(v);
    v[0] ^= m;
  }

  private static void round(long[] v) {
    v[0] += v[1];
    v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
    v[0] = Long.rotateLeft(v[0], 32);
    v[2] += v[3];
    v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
    v[0] += v[3];
    v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
    v[2] += v[1];
    v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
    v[2] = Long.rotateLeft(v[2], 32);
  }
}
