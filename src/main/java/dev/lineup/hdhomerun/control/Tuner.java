package dev.lineup.hdhomerun.control;

import dev.lineup.account.entity.Account;
import dev.lineup.platform.Crypto;
import dev.lineup.playlist.entity.PlaylistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What an HDHomeRun network tuner built on a playlist config says about itself: its device id and
 * how many tuners it has.
 */
@ApplicationScoped
public class Tuner {
  /** The most tuners a device offers (a provider that allows more is still shown this many). */
  static final int MAX_TUNERS = 32;

  private static final int[] LOOKUP = {
    0xA, 0x5, 0xF, 0x6, 0x7, 0xC, 0x1, 0xB, 0x9, 0x2, 0x8, 0xD, 0x4, 0x3, 0xE, 0x0
  };

  @Inject Crypto crypto;

  /**
   * The playlist's device id: 8 hex digits, signed from its id with SECRET_KEY, so it differs per
   * playlist and stays the same across restarts and token rotations (Plex takes two devices with
   * one id for one). It starts with 1 and ends with the check digit that Silicondust's library
   * verifies (a single mistyped or two swapped digits fail it), as real devices' ids do.
   */
  public String deviceId(PlaylistConfig config) {
    byte[] signature =
        Base64.getUrlDecoder().decode(crypto.sign("hdhomerun-device:" + config.id()));
    int random =
        ((signature[0] & 0xff) << 16) | ((signature[1] & 0xff) << 8) | (signature[2] & 0xff);
    return deviceId(0x1000_0000 | (random << 4));
  }

  /** {@code id} with its last digit replaced by the check digit. */
  static String deviceId(int id) {
    int check =
        LOOKUP[(id >>> 28) & 0xF]
            ^ ((id >>> 24) & 0xF)
            ^ LOOKUP[(id >>> 20) & 0xF]
            ^ ((id >>> 16) & 0xF)
            ^ LOOKUP[(id >>> 12) & 0xF]
            ^ ((id >>> 8) & 0xF)
            ^ LOOKUP[(id >>> 4) & 0xF];
    return String.format(Locale.ROOT, "%08X", (id & ~0xF) | check);
  }

  /** Whether a device id passes Silicondust's check. */
  static boolean valid(String deviceId) {
    int id = (int) Long.parseLong(deviceId, 16);
    return deviceId(id).equals(deviceId.toUpperCase(Locale.ROOT));
  }

  /**
   * How many tuners: the connections the playlist's accounts allow together (each account's limit
   * as the relay keeps it — a person's cap, else the provider's last figure; 1 when unknown), at
   * least 1 and at most {@value #MAX_TUNERS}.
   */
  public static int count(List<Account> accounts) {
    return countOf(accounts.stream().map(Account::connectionLimit).toList());
  }

  /** {@link #count} of the accounts' limits (null: unknown). */
  static int countOf(List<Integer> limits) {
    int total = 0;
    for (Integer allowed : limits) {
      total += allowed == null || allowed < 1 ? 1 : Math.min(allowed, MAX_TUNERS);
    }
    return Math.max(1, Math.min(MAX_TUNERS, total));
  }
}
