package dev.lineup.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FieldTagTest {
  @Test
  void escapesAsCoutDoesAndLeavesPlainTextAsItIs() {
    assertEquals(
        "&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt; &amp; &#034;q&#034;",
        FieldTag.escape("<script>alert('x')</script> & \"q\""));
    String plain = "UK: BBC One HD";
    assertSame(plain, FieldTag.escape(plain));
    assertEquals("", FieldTag.escape(null));
  }
}
