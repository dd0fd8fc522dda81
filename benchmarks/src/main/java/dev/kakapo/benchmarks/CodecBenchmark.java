package dev.kakapo.benchmarks;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and encoding real messages: a DISCOVER relayed from dhclient and Kea's ACK, both
 * taken byte for byte from the dhclient-relayed capture.
 */
@State(Scope.Thread)
public class CodecBenchmark extends KakapoBenchmark {

    /** dhclient's DISCOVER as the relay forwarded it (300 bytes, zero-padded). */
    static final String DISCOVER = "010106016546507000000000000000000000000000000000c61202010200c612b101"
            + "0".repeat(20) + "0".repeat(128) + "0".repeat(256)
            + "638253633501010c1072656c617965642d6468636c69656e743707011c02030f060cff" + "0".repeat(58);
    /** Kea's ACK to it (298 bytes). */
    static final String ACK = "02010601654650700000000000000000c612026400000000c61202010200c612b101"
            + "0".repeat(20) + "0".repeat(128) + "0".repeat(256)
            + "638253633501050104ffffff000304c61202010c1072656c617965642d6468636c69656e7433040000003c3604c61201013a040000000a3b0400000028ff";

    private byte[] discover;
    private byte[] ack;
    private DhcpPacket ackPacket;
    private final byte[] out = new byte[1500];

    /** Decodes the captures once, checking they are what they claim to be. */
    @Setup
    public void setUp() {
        discover = HexBytes.parse(DISCOVER);
        ack = HexBytes.parse(ACK);
        if (discover.length != 300 || ack.length != 298) {
            throw new IllegalStateException("capture bytes are wrong: " + discover.length + ", " + ack.length);
        }
        ackPacket = DhcpCodec.decode(ack).packet();
    }

    /** Decoding a client's DISCOVER. */
    @Benchmark
    public DhcpPacket decodeDiscover() {
        return DhcpCodec.decode(discover, 0, discover.length).packet();
    }

    /** Decoding a server's ACK. */
    @Benchmark
    public DhcpPacket decodeAck() {
        return DhcpCodec.decode(ack, 0, ack.length).packet();
    }

    /** Encoding an ACK into a reused buffer. */
    @Benchmark
    public int encodeAck() {
        return DhcpCodec.encode(ackPacket, out, 0, out.length);
    }
}
