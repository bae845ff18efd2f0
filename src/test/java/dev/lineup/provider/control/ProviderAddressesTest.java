package dev.lineup.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderAddressesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "::1, loopback",
    "10.0.0.5, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.1.20, private",
    "fc00::1, private",
    "fd12:3456::1, private",
    "fec0::1, private",
    "169.254.169.254, link-local",
    "fe80::1, link-local",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    ":: , unspecified",
    "::ffff:10.0.0.1, private",
    "::ffff:127.0.0.1, loopback",
    "::169.254.1.1, link-local",
    "64:ff9b::c0a8:0101, private",
    "100.64.0.1, private",
    "100.100.100.200, private",
    "100.127.255.254, private",
    "2002:7f00:0001::1, loopback",
    "2002:a9fe:a9fe::, link-local",
    "2001:0:4136:e378:8000:63bf:f5ff:fffe, private",
    "2002:0808:0808::1, ''",
    "100.63.255.255, ''",
    "100.128.0.1, ''",
    "8.8.8.8, ''",
    "172.15.255.255, ''",
    "172.32.0.1, ''",
    "192.169.0.1, ''",
    "169.255.0.1, ''",
    "2001:4860:4860::8888, ''",
    "fe00::1, ''",
    "64:ff9b::808:808, ''",
  })
  void classifiesAddresses(String address, String refused) throws UnknownHostException {
    assertEquals(
        refused,
        ProviderAddresses.refused(InetAddress.getByName(address.strip())).orElse(""),
        address);
  }
}
