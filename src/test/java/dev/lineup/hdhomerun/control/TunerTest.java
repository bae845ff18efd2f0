package dev.lineup.hdhomerun.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TunerTest {
  /** libhdhomerun's hdhomerun_discover_validate_device_id, as Silicondust publishes it. */
  static boolean silicondustAccepts(String deviceId) {
    int[] table = {0xA, 0x5, 0xF, 0x6, 0x7, 0xC, 0x1, 0xB, 0x9, 0x2, 0x8, 0xD, 0x4, 0x3, 0xE, 0x0};
    long id = Long.parseLong(deviceId, 16);
    long checksum = 0;
    checksum ^= table[(int) ((id >> 28) & 0x0F)];
    checksum ^= (id >> 24) & 0x0F;
    checksum ^= table[(int) ((id >> 20) & 0x0F)];
    checksum ^= (id >> 16) & 0x0F;
    checksum ^= table[(int) ((id >> 12) & 0x0F)];
    checksum ^= (id >> 8) & 0x0F;
    checksum ^= table[(int) ((id >> 4) & 0x0F)];
    checksum ^= id & 0x0F;
    return checksum == 0;
  }

  @Test
  void deviceIdsPassSilicondustsCheckAndAMistypedDigitDoesNot() {
    for (int i = 0; i < 1_000; i++) {
      String id = Tuner.deviceId(0x1000_0000 | (i * 7919 << 4));
      assertEquals(8, id.length());
      assertTrue(id.matches("1[0-9A-F]{7}"), id);
      assertTrue(silicondustAccepts(id), id);
      assertTrue(Tuner.valid(id), id);
      String last = Integer.toHexString((Character.digit(id.charAt(7), 16) + 1) % 16).toUpperCase();
      assertFalse(silicondustAccepts(id.substring(0, 7) + last), id);
    }
  }

  @Test
  void tunersAreTheAccountsConnectionsAddedUpOneWhenUnknownAtMost32() {
    assertEquals(1, Tuner.countOf(java.util.List.of()));
    assertEquals(1, Tuner.countOf(java.util.Arrays.asList((Integer) null)));
    assertEquals(5, Tuner.countOf(java.util.Arrays.asList(2, null, 2)));
    assertEquals(1, Tuner.countOf(java.util.List.of(0)));
    assertEquals(32, Tuner.countOf(java.util.List.of(30, 30)));
    assertEquals(32, Tuner.countOf(java.util.List.of(Integer.MAX_VALUE, Integer.MAX_VALUE)));
  }
}
