package dev.lineup.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublicUrlTest {
  @Test
  void anHttpUrlIsKeptWithoutItsTrailingSlash() {
    assertEquals("https://tv.example.com", PublicUrl.parse(" https://tv.example.com/ "));
    assertEquals("http://192.168.1.10:9080", PublicUrl.parse("http://192.168.1.10:9080"));
    assertEquals("https://example.com/lineup", PublicUrl.parse("https://example.com/lineup//"));
  }

  @Test
  void anythingElseIsRefusedNamingTheVariableAndTheForm() {
    for (String bad :
        List.of(
            "tv.example.com",
            "ftp://tv.example.com",
            "https://user:pw@tv.example.com",
            "https://tv.example.com/?x=1",
            "https://tv.example.com/#top",
            "http://",
            "https://tv example.com")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> PublicUrl.parse(bad), bad);
      assertTrue(refused.getMessage().startsWith("PUBLIC_URL must be an http(s) URL"), bad);
    }
  }

  /** A request as the server hands it over: its own address and headers, nothing else. */
  static jakarta.servlet.http.HttpServletRequest request(
      String scheme, String host, int port, String remote, String... headers) {
    java.util.Map<String, String> named = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      named.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
    }
    return (jakarta.servlet.http.HttpServletRequest)
        java.lang.reflect.Proxy.newProxyInstance(
            PublicUrlTest.class.getClassLoader(),
            new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getScheme" -> scheme;
                  case "getServerName" -> host;
                  case "getServerPort" -> port;
                  case "getRemoteAddr" -> remote;
                  case "getHeader" ->
                      named.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void playersAreToldPublicUrlWhenItIsSet() {
    var request = request("http", "10.0.0.5", 9080, "10.0.0.9", "X-Forwarded-Host", "evil.example");
    assertEquals(
        new PublicUrl.Address("https", "tv.example.com", 443),
        PublicUrl.address("https://tv.example.com", request, "10\\.0\\.0\\.9"));
    assertEquals(
        new PublicUrl.Address("http", "192.168.1.10", 9080),
        PublicUrl.address("http://192.168.1.10:9080", request, null));
  }

  @Test
  void behindATrustedProxyOn443PlayersAreToldHttpsAnd443() {
    // The server put the client's address (from X-Forwarded-For) in place of the proxy's.
    var proxied =
        request(
            "http",
            "lineup",
            9080,
            "203.0.113.7",
            "X-Forwarded-For",
            "203.0.113.7",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "tv.example.com");
    assertEquals(
        new PublicUrl.Address("https", "tv.example.com", 443),
        PublicUrl.address(null, proxied, "172\\.18\\.0\\.\\d+"));
    var withPort =
        request(
            "http",
            "lineup",
            9080,
            "203.0.113.7",
            "X-Forwarded-For",
            "203.0.113.7",
            "X-Forwarded-Host",
            "tv.example.com:8443",
            "X-Forwarded-Proto",
            "https");
    assertEquals(
        new PublicUrl.Address("https", "tv.example.com", 8443),
        PublicUrl.address(null, withPort, "proxy"));
  }

  @Test
  void withoutTrustedProxiesForwardedHeadersAreNotBelieved() {
    var spoofed =
        request(
            "http",
            "192.168.1.10",
            9080,
            "192.168.1.50",
            "X-Forwarded-For",
            "192.168.1.50",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "evil.example");
    assertEquals(
        new PublicUrl.Address("http", "192.168.1.10", 9080),
        PublicUrl.address(null, spoofed, null));
    assertEquals(
        new PublicUrl.Address("http", "192.168.1.10", 9080),
        PublicUrl.address(null, spoofed, "none"));
    // A proxy Liberty did not trust: the address is still the proxy's own, not in the chain.
    var untrusted =
        request(
            "http",
            "192.168.1.10",
            9080,
            "172.18.0.2",
            "X-Forwarded-For",
            "203.0.113.7",
            "X-Forwarded-Host",
            "evil.example");
    assertEquals(
        new PublicUrl.Address("http", "192.168.1.10", 9080),
        PublicUrl.address(null, untrusted, "10\\.9\\.9\\.9"));
  }
}
