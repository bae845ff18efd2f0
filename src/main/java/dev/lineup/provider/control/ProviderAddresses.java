package dev.lineup.provider.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses {@code PROVIDER_BLOCK_PRIVATE=true} keeps Lineup from calling: the server itself
 * (loopback), the local networks (RFC 1918, IPv6 unique local fc00::/7 and the old site-local
 * fec0::/10), link-local addresses (169.254/16 — cloud metadata services live there — and
 * fe80::/10), the carrier-grade NAT range 100.64/10 (some clouds' metadata services live there) and
 * unspecified ones (0.0.0.0/8, ::). An IPv4 address inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d,
 * 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::, Teredo 2001:0::) is judged as the IPv4 address it
 * carries.
 */
public final class ProviderAddresses {
  private ProviderAddresses() {}

  /** Why the address is refused ("loopback", "private", "link-local", "unspecified"), or empty. */
  public static Optional<String> refused(InetAddress address) {
    if (address instanceof Inet6Address) {
      Optional<InetAddress> carried = carriedIpv4(address.getAddress());
      if (carried.isPresent()) {
        return refused(carried.get());
      }
    }
    byte[] bytes = address.getAddress();
    if (address.isAnyLocalAddress()
        || address instanceof Inet4Address && Byte.toUnsignedInt(bytes[0]) == 0) {
      return Optional.of("unspecified");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()
        || address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc
        || address instanceof Inet4Address
            && Byte.toUnsignedInt(bytes[0]) == 100
            && (bytes[1] & 0xc0) == 0x40) {
      return Optional.of("private");
    }
    return Optional.empty();
  }

  /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo), if any. */
  private static Optional<InetAddress> carriedIpv4(byte[] v6) {
    if (v6[0] == 0x20 && v6[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
      return Optional.of(ipv4(Arrays.copyOfRange(v6, 2, 6)));
    }
    if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0) { // Teredo: client, inverted
      byte[] client = Arrays.copyOfRange(v6, 12, 16);
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~client[i];
      }
      return Optional.of(ipv4(client));
    }
    byte[] prefix = Arrays.copyOf(v6, 12);
    boolean zeros = Arrays.equals(prefix, new byte[12]);
    boolean mapped =
        Arrays.equals(Arrays.copyOf(v6, 10), new byte[10])
            && v6[10] == (byte) 0xff
            && v6[11] == (byte) 0xff;
    boolean nat64 =
        Arrays.equals(
            prefix, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0});
    boolean compatible = zeros && (v6[12] | v6[13]) != 0; // not :: or ::1
    if (!mapped && !nat64 && !compatible) {
      return Optional.empty();
    }
    return Optional.of(ipv4(Arrays.copyOfRange(v6, 12, 16)));
  }

  private static InetAddress ipv4(byte[] four) {
    try {
      return InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an IPv4 address
    }
  }
}
