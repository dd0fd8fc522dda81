package dev.kakapo.api.packet;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DhcpCodecTest {

    /** A relayed DISCOVER, written out field by field. */
    private static byte[] relayedDiscover() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(hex("01"));                  // op: BOOTREQUEST
        b.writeBytes(hex("01"));                  // htype: Ethernet
        b.writeBytes(hex("06"));                  // hlen: 6
        b.writeBytes(hex("01"));                  // hops: 1 (one relay)
        b.writeBytes(hex("65465070"));            // xid
        b.writeBytes(hex("0003"));                // secs: 3
        b.writeBytes(hex("8000"));                // flags: broadcast
        b.writeBytes(hex("00000000"));            // ciaddr
        b.writeBytes(hex("00000000"));            // yiaddr
        b.writeBytes(hex("00000000"));            // siaddr
        b.writeBytes(hex("c6120201"));            // giaddr: 198.18.2.1
        b.writeBytes(hex("0200c6120102"));        // chaddr: 02:00:c6:12:01:02 ...
        b.writeBytes(new byte[10]);               // ... zero-padded to 16 bytes
        b.writeBytes(new byte[64]);               // sname
        b.writeBytes(new byte[128]);              // file
        b.writeBytes(hex("63825363"));            // magic cookie
        b.writeBytes(hex("350101"));              // 53 message type: DISCOVER
        b.writeBytes(hex("3d0701" + "0200c6120102")); // 61 client id: type 1 + MAC
        b.writeBytes(hex("0c0468616b61"));        // 12 host name: "haka"
        b.writeBytes(hex("37030103 06"));         // 55 parameter request list: 1, 3, 6
        b.writeBytes(hex("3902 05dc"));           // 57 max message size: 1500
        b.writeBytes(hex("3c0464637033"));        // 60 vendor class: "dcp3"
        b.writeBytes(hex("fe02abcd"));            // 254 (site-specific, unknown): kept raw
        b.writeBytes(hex("520c 0104 65746830 0204 7231 2d31")); // 82: circuit-id "eth0", remote-id "r1-1"
        b.writeBytes(hex("ff"));                  // end
        b.writeBytes(new byte[3]);                // padding
        return b.toByteArray();
    }

    private static byte[] hex(String text) {
        return HexBytes.parse(text.replace(" ", ""));
    }

    @Test
    void decodesEveryHeaderFieldAndTypedOption() {
        DhcpPacket p = DhcpCodec.decode(relayedDiscover()).packet();
        assertEquals(DhcpPacket.BOOTREQUEST, p.op());
        assertEquals(1, p.hops());
        assertEquals(0x65465070, p.xid());
        assertEquals(3, p.secs());
        assertTrue(p.isBroadcast());
        assertEquals(Ipv4Address.parse("198.18.2.1"), p.giaddr());
        assertTrue(p.isRelayed());
        assertEquals(HardwareAddress.parse("02:00:c6:12:01:02"), p.hardwareAddress());
        assertEquals(MessageType.DISCOVER, p.messageType().orElseThrow());
        assertArrayEquals(hex("010200c6120102"), p.clientIdentifier().orElseThrow());
        assertEquals("haka", p.hostname().orElseThrow());
        assertArrayEquals(new int[] {1, 3, 6}, p.parameterRequestList());
        assertEquals(1500, p.maxMessageSize().getAsInt());
        assertEquals("dcp3", p.vendorClassIdentifier().orElseThrow());
        assertArrayEquals(hex("abcd"), p.options().get(254));
        RelayAgentInformation rai = p.relayAgentInformation().orElseThrow();
        assertArrayEquals("eth0".getBytes(), rai.circuitId().orElseThrow());
        assertArrayEquals("r1-1".getBytes(), rai.remoteId().orElseThrow());
        assertArrayEquals(new int[] {53, 61, 12, 55, 57, 60, 254, 82}, p.options().codes());
    }

    @Test
    void encodesADecodedMessageToTheSameBytesUnknownOptionsIncluded() {
        byte[] wire = relayedDiscover();
        assertArrayEquals(wire, DhcpCodec.encode(DhcpCodec.decode(wire).packet()));
    }

    @Test
    void buildsAReplyFromScratch() {
        DhcpPacket reply = new DhcpPacket().op(DhcpPacket.BOOTREPLY).xid(42)
                .yiaddr(Ipv4Address.parse("192.0.2.10"))
                .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:01"))
                .messageType(MessageType.OFFER);
        reply.options().putIpv4(OptionCode.SERVER_IDENTIFIER, Ipv4Address.parse("192.0.2.1"))
                .putUint32(OptionCode.LEASE_TIME, 3600)
                .putIpv4List(OptionCode.ROUTERS, List.of(Ipv4Address.parse("192.0.2.1")));
        byte[] wire = DhcpCodec.encode(reply);
        assertEquals(240 + 3 + 6 + 6 + 6 + 1, wire.length, "header, cookie, four options and end, no padding");
        DhcpPacket back = DhcpCodec.decode(wire).packet();
        assertEquals(MessageType.OFFER, back.messageType().orElseThrow());
        assertEquals(3600, back.leaseTime().getAsLong());
        assertEquals(Ipv4Address.parse("192.0.2.1"), back.serverIdentifier().orElseThrow());
        assertEquals(List.of(Ipv4Address.parse("192.0.2.1")), back.options().getIpv4List(OptionCode.ROUTERS));
    }

    @Test
    void splitsLongOptionsOverSeveralInstancesAndJoinsThemAgain() {
        byte[] longValue = new byte[600];
        for (int i = 0; i < longValue.length; i++) {
            longValue[i] = (byte) i;
        }
        DhcpPacket packet = new DhcpPacket().messageType(MessageType.ACK);
        packet.options().put(OptionCode.VENDOR_ENCAPSULATED_OPTIONS, longValue);
        byte[] wire = DhcpCodec.encode(packet);
        // 53 takes 3 bytes; then 43 appears as instances of 255, 255 and 90 bytes (RFC 3396).
        int at = DhcpCodec.OPTIONS_OFFSET + 3;
        assertEquals(43, wire[at] & 0xFF);
        assertEquals(255, wire[at + 1] & 0xFF);
        assertEquals(43, wire[at + 257] & 0xFF);
        assertEquals(255, wire[at + 258] & 0xFF);
        assertEquals(43, wire[at + 514] & 0xFF);
        assertEquals(90, wire[at + 515] & 0xFF);
        assertArrayEquals(longValue, DhcpCodec.decode(wire).packet().options().get(OptionCode.VENDOR_ENCAPSULATED_OPTIONS));
    }

    @Test
    void joinsInstancesOfOneOptionThatAreNotAdjacent() {
        byte[] wire = Arrays.copyOf(relayedDiscover(), 300);
        int end = indexOfEnd(wire);
        byte[] extra = hex("0c03 6c6f6e ff"); // a second host name instance "lon", then end
        System.arraycopy(extra, 0, wire, end, extra.length);
        assertEquals("hakalon", DhcpCodec.decode(wire).packet().hostname().orElseThrow());
    }

    @Test
    void followsOptionOverloadIntoFileAndSname() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] overloaded = Arrays.copyOf(wire, end + 4);
        System.arraycopy(hex("340103ff"), 0, overloaded, end, 4);           // 52 overload: file and sname
        System.arraycopy(hex("0f076578616d706c65ff"), 0, overloaded, 108, 10); // file: 15 domain name "example"
        System.arraycopy(hex("2a04c0000201ff"), 0, overloaded, 44, 7);          // sname: 42 NTP server 192.0.2.1
        DhcpPacket packet = DhcpCodec.decode(overloaded).packet();
        assertEquals("example", packet.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals(List.of(Ipv4Address.parse("192.0.2.1")), packet.options().getIpv4List(42));
        assertFalse(packet.options().contains(OptionCode.OPTION_OVERLOAD), "the overload option is consumed by decoding");
        assertEquals("", packet.fileText(), "file carried options, not a file name");
        assertEquals("", packet.snameText());
    }

    @Test
    void overloadsFileThenSnameWhenTheOptionsDoNotFitTheClientsLimit() {
        DhcpPacket packet = new DhcpPacket().messageType(MessageType.ACK);
        byte[] big = new byte[150];
        Arrays.fill(big, (byte) 7);
        // 3 + 3 x 152 bytes of options: more than the 304 left in the options field of 548 bytes.
        packet.options().put(224, big).put(225, big).put(226, big);
        byte[] wire = DhcpCodec.encode(packet, DhcpCodec.MIN_MAX_MESSAGE_SIZE);
        assertTrue(wire.length <= DhcpCodec.MIN_MAX_MESSAGE_SIZE);
        DhcpPacket back = DhcpCodec.decode(wire).packet();
        assertArrayEquals(big, back.options().get(224));
        assertArrayEquals(big, back.options().get(225));
        assertArrayEquals(big, back.options().get(226));
        assertTrue(wire[DhcpCodec.OPTIONS_OFFSET] != 0, "options start in the options field");
        assertEquals(225, wire[108] & 0xFF, "file continues the option split at the end of the options field");
        assertEquals(226, wire[44] & 0xFF, "sname continues after file is full");
        assertEquals(MessageType.ACK, back.messageType().orElseThrow());
    }

    @Test
    void refusesToEncodeWhatCannotFitEvenOverloaded() {
        DhcpPacket packet = new DhcpPacket().messageType(MessageType.ACK);
        packet.options().put(224, new byte[2000]);
        DhcpEncodeException e = assertThrows(DhcpEncodeException.class, () -> DhcpCodec.encode(packet, 576));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test
    void doesNotOverloadAFileFieldThatHoldsABootFileName() {
        DhcpPacket packet = new DhcpPacket().messageType(MessageType.ACK).fileText("pxelinux.0");
        packet.options().put(224, new byte[400]);
        byte[] wire = DhcpCodec.encode(packet, 700);
        DhcpPacket back = DhcpCodec.decode(wire).packet();
        assertEquals("pxelinux.0", back.fileText());
        assertEquals(400, back.options().length(224));
    }

    @Test
    void reportsATruncatedHeader() {
        DecodeResult r = DhcpCodec.decode(Arrays.copyOf(relayedDiscover(), 239));
        assertEquals(DecodeFailure.TRUNCATED_HEADER, r.failure());
        assertTrue(r.reason().contains("239 bytes"), r.reason());
    }

    @Test
    void reportsABadMagicCookie() {
        byte[] wire = relayedDiscover();
        wire[236] = 0x12;
        assertEquals(DecodeFailure.BAD_MAGIC_COOKIE, DhcpCodec.decode(wire).failure());
    }

    @Test
    void reportsAHardwareLengthAbove16() {
        byte[] wire = relayedDiscover();
        wire[2] = 17;
        assertEquals(DecodeFailure.BAD_HARDWARE_LENGTH, DhcpCodec.decode(wire).failure());
    }

    @Test
    void reportsAnOptionRunningPastTheEnd() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] cut = Arrays.copyOf(wire, end + 3);
        System.arraycopy(hex("0c09 6869"), 0, cut, end, 3); // host name says 9 bytes, 1 follows
        DecodeResult r = DhcpCodec.decode(cut);
        assertEquals(DecodeFailure.OPTION_OVERRUN, r.failure());
        assertEquals(end, r.offset());
    }

    @Test
    void reportsAnOptionWithoutItsLengthByte() {
        byte[] wire = Arrays.copyOf(relayedDiscover(), indexOfEnd(relayedDiscover()) + 1);
        wire[wire.length - 1] = 12;
        assertEquals(DecodeFailure.OPTION_OVERRUN, DhcpCodec.decode(wire).failure());
    }

    @Test
    void reportsAMissingEndOption() {
        byte[] wire = Arrays.copyOf(relayedDiscover(), indexOfEnd(relayedDiscover()));
        assertEquals(DecodeFailure.MISSING_END, DhcpCodec.decode(wire).failure());
    }

    @Test
    void reportsAnOverloadOptionWithABadValue() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] bad = Arrays.copyOf(wire, end + 4);
        System.arraycopy(hex("340107ff"), 0, bad, end, 4);
        assertEquals(DecodeFailure.BAD_OPTION_OVERLOAD, DhcpCodec.decode(bad).failure());
    }

    @Test
    void reportsServerOptionsOfTheWrongLength() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] bad = Arrays.copyOf(wire, end + 6);
        System.arraycopy(hex("3203c00002ff"), 0, bad, end, 6); // requested address with 3 bytes
        DecodeResult r = DhcpCodec.decode(bad);
        assertEquals(DecodeFailure.BAD_OPTION_VALUE, r.failure());
        assertTrue(r.reason().contains("option 50"), r.reason());
    }

    @Test
    void reportsARelayAgentOptionWithABrokenSubOption() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] bad = Arrays.copyOf(wire, end + 5);
        System.arraycopy(hex("520201 05ff"), 0, bad, end, 5);
        assertEquals(DecodeFailure.BAD_OPTION_VALUE, DhcpCodec.decode(bad).failure());
    }

    @Test
    void skipsPadOptions() {
        byte[] wire = relayedDiscover();
        int end = indexOfEnd(wire);
        byte[] padded = Arrays.copyOf(wire, end + 5);
        System.arraycopy(hex("0000000000"), 0, padded, end, 4);
        padded[end + 4] = (byte) 0xFF;
        assertEquals(8, DhcpCodec.decode(padded).packet().options().size());
    }

    @Test
    void keepsTheDecodedBytesIndependentOfTheCallersBuffer() {
        byte[] wire = relayedDiscover();
        DhcpPacket packet = DhcpCodec.decode(wire).packet();
        Arrays.fill(wire, (byte) 0);
        assertEquals("haka", packet.hostname().orElseThrow());
    }

    private static int indexOfEnd(byte[] wire) {
        int i = DhcpCodec.OPTIONS_OFFSET;
        while ((wire[i] & 0xFF) != OptionCode.END) {
            i += wire[i] == 0 ? 1 : 2 + (wire[i + 1] & 0xFF);
        }
        return i;
    }
}
