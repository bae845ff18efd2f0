package dev.lineup.playlist.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GroupNumbersTest {
  @Test
  void eachGroupStartsAtTheNextFreeHundred() {
    GroupNumbers numbers = new GroupNumbers(1);
    assertEquals(1, numbers.next("News"));
    assertEquals(2, numbers.next("News"));
    assertEquals(101, numbers.next("Sports"));
    assertEquals(3, numbers.next("News"), "a group seen again goes on counting");
    assertEquals(201, numbers.next(null));
    assertEquals(202, numbers.next(null));
  }

  @Test
  void aGroupOfMoreThanAHundredPushesTheNextOneFurther() {
    GroupNumbers numbers = new GroupNumbers(100);
    for (int i = 0; i < 150; i++) {
      assertEquals(100 + i, numbers.next("Big"));
    }
    assertEquals(300, numbers.next("Next"));
  }
}
