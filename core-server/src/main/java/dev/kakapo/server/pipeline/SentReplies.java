package dev.kakapo.server.pipeline;

import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.MessageType;

import java.nio.ByteBuffer;

/** What an encoded reply is, read back from its bytes when only the bytes are left (a refused batched send). */
final class SentReplies {

    private SentReplies() {
    }

    /**
     * The DHCP message type (option 53) of the datagram from position to limit, or null when it
     * has none (BOOTP) or does not decode. Decodes the whole reply: this is the rare path.
     */
    static MessageType messageType(ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.duplicate().get(bytes);
        DecodeResult decoded = DhcpCodec.decode(bytes);
        return decoded.isSuccess() ? decoded.packet().messageType().orElse(null) : null;
    }
}
