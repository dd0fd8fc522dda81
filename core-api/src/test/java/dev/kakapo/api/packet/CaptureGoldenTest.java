package dev.kakapo.api.packet;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real clients (dhclient, udhcpc, dhcpcd) talking to Kea: every captured message decodes,
 * encodes back to the same bytes, and its fields match the capture's summary written by
 * the tool that captured it (the .txt beside each .pcap).
 */
class CaptureGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-decline", "dhclient-direct", "dhclient-reboot", "dhclient-relayed",
            "dhclient-relayed.clientside", "dhcpcd-bflag", "dhcpcd-decline", "dhcpcd-direct", "dhcpcd-reboot",
            "dhcpcd-relayed", "dhcpcd-relayed.clientside", "udhcpc-bflag", "udhcpc-decline", "udhcpc-direct",
            "udhcpc-reboot", "udhcpc-relayed", "udhcpc-relayed.clientside"})
    void capturedMessagesDecodeToTheirSummaryAndEncodeToTheSameBytes(String capture) throws IOException {
        List<PcapReader.Datagram> datagrams;
        try (InputStream in = resource(capture + ".pcap")) {
            datagrams = PcapReader.read(in);
        }
        List<String> summary;
        try (InputStream in = resource(capture + ".txt")) {
            summary = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank()).collect(Collectors.toList());
        }
        assertEquals(summary.size(), datagrams.size(), "one summary line per captured datagram");
        for (int i = 0; i < datagrams.size(); i++) {
            byte[] wire = datagrams.get(i).payload();
            DecodeResult result = DhcpCodec.decode(wire);
            assertTrue(result.isSuccess(), capture + " message " + i + ": " + result.reason());
            DhcpPacket packet = result.packet();
            assertArrayEquals(wire, DhcpCodec.encode(packet), capture + " message " + i + " re-encodes byte for byte");
            assertMatchesSummary(capture + " message " + i, packet, summary.get(i));
        }
    }

    private static void assertMatchesSummary(String what, DhcpPacket packet, String line) {
        String[] tokens = line.trim().split("\\s+");
        Map<String, String> fields = new HashMap<>();
        for (int t = 4; t < tokens.length; t++) {
            int eq = tokens[t].indexOf('=');
            fields.put(eq < 0 ? tokens[t] : tokens[t].substring(0, eq), eq < 0 ? "" : tokens[t].substring(eq + 1));
        }
        assertEquals("DHCP" + tokens[3], packet.messageType().orElseThrow().toString(), what + " type");
        assertEquals(Long.parseLong(fields.get("xid"), 16), packet.xid() & 0xFFFFFFFFL, what + " xid");
        assertEquals(fields.get("flags").equals("B"), packet.isBroadcast(), what + " broadcast flag");
        assertEquals(fields.get("ci"), packet.ciaddr().toString(), what + " ciaddr");
        assertEquals(fields.get("yi"), packet.yiaddr().toString(), what + " yiaddr");
        assertEquals(fields.get("gi"), packet.giaddr().toString(), what + " giaddr");
        assertEquals(Integer.parseInt(fields.get("hops")), packet.hops(), what + " hops");
        assertEquals(fields.get("req"), packet.requestedAddress().map(Ipv4Address::toString).orElse(null), what + " requested address");
        assertEquals(fields.get("sid"), packet.serverIdentifier().map(Ipv4Address::toString).orElse(null), what + " server id");
        assertEquals(fields.get("cid"), packet.clientIdentifier().map(HexBytes::toHex).orElse(null), what + " client id");
        assertEquals(fields.containsKey("lease") ? Long.valueOf(fields.get("lease")) : null,
                packet.leaseTime().isPresent() ? packet.leaseTime().getAsLong() : null, what + " lease time");
        assertEquals(fields.containsKey("rapid-commit"), packet.options().contains(OptionCode.RAPID_COMMIT), what + " rapid commit");
        String prl = fields.get("prl");
        if (prl != null) {
            assertArrayEquals(Arrays.stream(prl.split(",")).mapToInt(Integer::parseInt).toArray(),
                    packet.parameterRequestList(), what + " parameter request list");
        } else {
            assertEquals(0, packet.parameterRequestList().length, what + " has no parameter request list");
        }
        // A client without an address broadcasts on its own link: there chaddr is the frame's source MAC.
        if (tokens[2].startsWith("0.0.0.0:68>")) {
            String sourceMac = tokens[1].substring(0, tokens[1].indexOf('>'));
            assertEquals(sourceMac, packet.hardwareAddress().toString(), what + " chaddr is the sender's MAC");
        }
        MessageType type = packet.messageType().orElseThrow();
        boolean reply = type == MessageType.OFFER || type == MessageType.ACK || type == MessageType.NAK;
        assertEquals(reply ? DhcpPacket.BOOTREPLY : DhcpPacket.BOOTREQUEST, packet.op(), what + " op matches the message type");
    }

    private static InputStream resource(String name) {
        InputStream in = CaptureGoldenTest.class.getResourceAsStream("/pcaps/" + name);
        assertNotNull(in, "test resource pcaps/" + name);
        return in;
    }
}
