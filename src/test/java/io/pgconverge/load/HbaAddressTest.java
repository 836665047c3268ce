package io.pgconverge.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HbaAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"192.168.56.0/24", "0.0.0.0/0", "127.0.0.1/32", "10.1.2.3/8", "::1/128", "::/0",
            "fe80::/10", "2001:db8::1/64", "::ffff:10.0.0.0/104", "1:2:3:4:5:6:7:8/128", "all", "samehost", "samenet",
            "db.example.com", ".example.com", "localhost", "node-1"})
    void validAddresses(String address) {
        assertDoesNotThrow(() -> HbaAddress.parse(address));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33        | has prefix length '33', outside 0-32 for an IPv4 address",
        "10.0.0.0/-1        | has prefix length '-1', outside 0-32 for an IPv4 address",
        "10.0.0.0/          | has prefix length '', outside 0-32 for an IPv4 address",
        "256.1.1.1/32       | is not a valid IPv4 address",
        "1.2.3/24           | is not a valid IPv4 address",
        "1.2.3.4.5          | is not a valid IPv4 address",
        "10.0.0.1           | needs a prefix length, such as 10.0.0.1/32",
        "::1                | needs a prefix length, such as ::1/128",
        "fe80:::1/64        | is not a valid IPv6 address",
        "1:2:3:4:5:6:7:8:9/64 | is not a valid IPv6 address",
        "1::2::3/64         | is not a valid IPv6 address",
        "12345::/16         | is not a valid IPv6 address",
        "::1/129            | has prefix length '129', outside 0-128 for an IPv6 address",
        "bad_host           | is not an address: write a CIDR block (192.168.56.0/24, fd00::/8), a host name, all, samehost or samenet",
        "-bad.example.com   | is not an address: write a CIDR block (192.168.56.0/24, fd00::/8), a host name, all, samehost or samenet",
    })
    void invalidAddressesSayWhy(String address, String why) {
        assertEquals(why, assertThrows(IllegalArgumentException.class, () -> HbaAddress.parse(address)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.0/8, 127.0.0.12, YES",
        "127.0.0.1/32, 127.0.0.12, NO",
        "192.168.56.0/24, 192.168.56.113, YES",
        "192.168.56.0/24, 192.168.57.1, NO",
        "0.0.0.0/0, 10.9.8.7, YES",
        "::1/128, 127.0.0.1, NO",
        "fd00::/8, fd12:3456::1, YES",
        "fd00::/8, fe80::1, NO",
        "all, 10.0.0.1, YES",
        "samenet, 10.0.0.1, MAYBE",
        "db.example.com, 10.0.0.1, MAYBE",
        "10.0.0.0/8, db.example.com, MAYBE",
    })
    void matchesClientsByPrefix(String rule, String client, HbaAddress.Match expected) {
        assertEquals(expected, HbaAddress.parse(rule).matches(client));
    }

    @Test
    void ipv6LiteralsExpandTheGap() {
        assertEquals(16, IpLiterals.v6("::").orElseThrow().length);
        assertEquals(1, IpLiterals.v6("::1").orElseThrow()[15]);
        assertEquals(10, IpLiterals.v6("::ffff:10.0.0.1").orElseThrow()[12]);
        assertEquals(java.util.Optional.empty(), IpLiterals.v6("1.2.3.4::"));
    }
}
