package dev.lineup.playlist.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers by group: a group's channels count up from its first number, and a new group starts at
 * the next free hundred after the start number (start 1: groups at 1, 101, 201, ...; a group of 150
 * channels pushes the next one to 201). Holds one counter per group, not per channel.
 */
final class GroupNumbers {
  private final int start;
  private final Map<String, Integer> next = new HashMap<>();
  private int highest;

  GroupNumbers(int start) {
    this.start = start;
    this.highest = start - 1;
  }

  int next(String group) {
    String key = group == null ? "" : group;
    Integer number = next.get(key);
    if (number == null) {
      int used = highest - start + 1; // numbers taken so far, counted from the start
      number = start + (used + 99) / 100 * 100;
    }
    next.put(key, number + 1);
    highest = Math.max(highest, number);
    return number;
  }
}
