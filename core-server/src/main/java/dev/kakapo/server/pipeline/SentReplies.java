package dev.kakapo.server.pipeline;

import dev.kakapo.api.packet.MessageType;

import java.nio.ByteBuffer;

/** What an encoded reply is, read back from its bytes when only the bytes are left (a refused batched send). */
final class SentReplies {

    private static final int OPTIONS = 240;
    private static final int MESSAGE_TYPE = 53;
    private static final int PAD = 0;
    private static final int END = 255;

    private SentReplies() {
    }

    /** The DHCP message type (option 53) of the datagram from position to limit, or null when it has none (BOOTP). */
    static MessageType messageType(ByteBuffer datagram) {
        int base = datagram.position();
        int length = datagram.remaining();
        int i = OPTIONS;
        while (i < length) {
            int code = datagram.get(base + i) & 0xFF;
            if (code == END) {
                return null;
            }
            if (code == PAD) {
                i++;
                continue;
            }
            if (i + 1 >= length) {
                return null;
            }
            int size = datagram.get(base + i + 1) & 0xFF;
            if (code == MESSAGE_TYPE && size == 1 && i + 2 < length) {
                return MessageType.valueOf(datagram.get(base + i + 2));
            }
            i += 2 + size;
        }
        return null;
    }
}
