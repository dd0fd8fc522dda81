package dev.kakapo.server.pipeline;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SentRepliesTest {

    private static byte[] encoded(DhcpPacket packet) {
        return DhcpCodec.encode(packet);
    }

    @Test
    void readsTheMessageTypeOfAnEncodedReply() {
        DhcpPacket ack = new DhcpPacket().op(DhcpPacket.BOOTREPLY).xid(7).giaddr(Ipv4Address.parse("10.0.0.1"))
                .messageType(MessageType.ACK);
        assertEquals(MessageType.ACK, SentReplies.messageType(ByteBuffer.wrap(encoded(ack))));
    }

    @Test
    void readsFromThePositionOfTheBuffer() {
        byte[] offer = encoded(new DhcpPacket().op(DhcpPacket.BOOTREPLY).messageType(MessageType.OFFER));
        byte[] shifted = new byte[offer.length + 5];
        System.arraycopy(offer, 0, shifted, 5, offer.length);
        assertEquals(MessageType.OFFER, SentReplies.messageType(ByteBuffer.wrap(shifted, 5, offer.length)));
    }

    @Test
    void aBootpReplyHasNone() {
        assertNull(SentReplies.messageType(ByteBuffer.wrap(encoded(new DhcpPacket().op(DhcpPacket.BOOTREPLY)))));
    }

    @Test
    void aCutOrShortDatagramHasNone() {
        byte[] nak = encoded(new DhcpPacket().op(DhcpPacket.BOOTREPLY).messageType(MessageType.NAK));
        assertNull(SentReplies.messageType(ByteBuffer.wrap(Arrays.copyOf(nak, 241))));
        assertNull(SentReplies.messageType(ByteBuffer.wrap(new byte[100])));
    }
}
