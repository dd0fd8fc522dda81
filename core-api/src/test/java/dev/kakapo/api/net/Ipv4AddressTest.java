package dev.kakapo.api.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4AddressTest {

    @Test
    void parsesAndPrintsDottedQuads() {
        Ipv4Address a = Ipv4Address.parse("172.28.0.254");
        assertEquals(0xAC1C00FE, a.bits());
        assertEquals("172.28.0.254", a.toString());
        assertEquals(a, Ipv4Address.fromBytes(a.toBytes(), 0));
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", " 1.2.3.4", "a.b.c.d", "1.2.3.4/24", "localhost"})
    void refusesAnythingButADottedQuad(String text) {
        assertTrue(Ipv4Address.tryParse(text).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    }

    @Test
    void ordersAsUnsignedNumbers() {
        assertTrue(Ipv4Address.parse("200.0.0.1").compareTo(Ipv4Address.parse("10.0.0.1")) > 0);
        assertEquals(Ipv4Address.parse("10.0.1.0"), Ipv4Address.parse("10.0.0.255").plus(1));
    }

    @Test
    void prefixesKnowTheirRange() {
        Ipv4Prefix p = Ipv4Prefix.parse("172.28.0.0/24");
        assertEquals("172.28.0.255", p.last().toString());
        assertEquals(256, p.size());
        assertTrue(p.contains(Ipv4Address.parse("172.28.0.219")));
        assertEquals("255.255.255.0", p.netmask().toString());
        assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse("172.28.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse("172.28.0.0/33"));
        assertEquals(1L << 32, Ipv4Prefix.parse("0.0.0.0/0").size());
    }

    @Test
    void readsKeaHexNotations() {
        assertEquals("01:02:03:04:05:06", HardwareAddress.parse("01:02:03:04:05:06").toString());
        assertEquals("01:02:03:04:05:06", HardwareAddress.parse("1:2:3:4:5:6").toString());
        assertEquals("01:02:03:04:05:06", HardwareAddress.parse("010203040506").toString());
        assertEquals("01:02:03:04:05:06", HardwareAddress.parse("01 02 03 04 05 06").toString());
        assertThrows(IllegalArgumentException.class, () -> HardwareAddress.parse("zz"));
        assertThrows(IllegalArgumentException.class, () -> HardwareAddress.parse("01::02"));
    }
}
