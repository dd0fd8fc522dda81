package dev.kakapo.api.packet;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructuredOptionsTest {

    @Test
    void clientFqdnInWireFormatRoundTrips() {
        byte[] value = HexBytes.parse("05000004686f7374076578616d706c6500"); // S|E, "host.example."
        ClientFqdn fqdn = ClientFqdn.decode(value).orElseThrow();
        assertTrue(fqdn.has(ClientFqdn.FLAG_S));
        assertTrue(fqdn.has(ClientFqdn.FLAG_E));
        assertEquals("host.example", fqdn.domainName());
        assertTrue(fqdn.fullyQualified());
        assertArrayEquals(value, fqdn.encode());
    }

    @Test
    void clientFqdnWithAPartialName() {
        ClientFqdn fqdn = ClientFqdn.decode(HexBytes.parse("04000004686f7374")).orElseThrow();
        assertEquals("host", fqdn.domainName());
        assertFalse(fqdn.fullyQualified());
    }

    @Test
    void clientFqdnInTheOldAsciiForm() {
        ClientFqdn fqdn = ClientFqdn.decode("\u0001\u0000\u0000host.example.".getBytes()).orElseThrow();
        assertEquals("host.example", fqdn.domainName());
        assertTrue(fqdn.fullyQualified());
    }

    @Test
    void clientFqdnRefusesBadFlagsAndLabels() {
        assertTrue(ClientFqdn.decode(HexBytes.parse("090000")).isEmpty(), "N and S together");
        assertTrue(ClientFqdn.decode(HexBytes.parse("100000")).isEmpty(), "reserved flag");
        assertTrue(ClientFqdn.decode(HexBytes.parse("0400000968")).isEmpty(), "label runs past the end");
        assertTrue(ClientFqdn.decode(HexBytes.parse("0400")).isEmpty(), "too short");
        assertThrows(IllegalArgumentException.class, () -> new ClientFqdn(0x09, 0, 0, "x", true));
    }

    @Test
    void relayAgentInformationKeepsEverySubOption() {
        byte[] value = HexBytes.parse("01046574683002027231050402000001970101");
        RelayAgentInformation rai = RelayAgentInformation.decode(value).orElseThrow();
        assertArrayEquals("eth0".getBytes(), rai.circuitId().orElseThrow());
        assertArrayEquals("r1".getBytes(), rai.remoteId().orElseThrow());
        assertEquals(Ipv4Address.parse("2.0.0.1"), rai.linkSelection().orElseThrow());
        assertEquals(4, rai.subOptions().size());
        assertArrayEquals(value, rai.encode());
        assertEquals(rai, new RelayAgentInformation(List.copyOf(rai.subOptions())));
    }

    @Test
    void optionsCopyValuesInAndOut() {
        DhcpOptions options = new DhcpOptions();
        byte[] value = {1, 2, 3};
        options.put(200, value);
        value[0] = 9;
        assertEquals(1, options.get(200)[0]);
        options.get(200)[1] = 9;
        assertEquals(2, options.get(200)[1]);
        assertThrows(IllegalArgumentException.class, () -> options.put(0, value));
        assertThrows(IllegalArgumentException.class, () -> options.put(255, value));
        assertTrue(options.remove(200));
        assertEquals(0, options.size());
    }

    @Test
    void ordersOptionsAsKeaWritesThem() {
        DhcpOptions options = new DhcpOptions().putUint8(61, 1).putUint8(3, 1).putUint8(53, 2).putUint8(1, 1).putUint8(54, 1);
        assertArrayEquals(new int[] {53, 1, 3, 54, 61}, options.orderByCode(53).codes());
        for (int code = 1; code < 40; code++) {
            options.putUint8(code, code);
        }
        assertEquals(42, options.size(), "grows past its first capacity");
        assertEquals(53, options.orderByCode(53).codes()[0]);
    }
}
