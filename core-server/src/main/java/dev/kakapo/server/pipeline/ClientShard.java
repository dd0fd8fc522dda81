package dev.kakapo.server.pipeline;

import java.nio.ByteBuffer;

/**
 * Which handler takes a packet: a hash of the client identifier (option 61) when the packet has
 * one, else of chaddr. Reads the received bytes in place, allocates nothing, and never fails: a
 * packet too short to say goes to handler 0, which will count it as malformed.
 */
final class ClientShard {

    private ClientShard() {
    }

    /** The shard of the datagram between {@code buffer}'s position and limit. */
    static int of(ByteBuffer buffer, int handlers) {
        int base = buffer.position();
        int length = buffer.remaining();
        if (handlers <= 1 || length < 240) {
            return 0;
        }
        int hash = clientIdHash(buffer, base, length);
        if (hash == 0) {
            int hlen = Math.min(buffer.get(base + 2) & 0xFF, 16);
            hash = 1;
            for (int i = 28; i < 28 + hlen; i++) {
                hash = 31 * hash + buffer.get(base + i);
            }
        }
        return Math.floorMod(hash * 0x9E3779B9, handlers);
    }

    private static int clientIdHash(ByteBuffer buffer, int base, int length) {
        int i = 240;
        while (i + 1 < length) {
            int code = buffer.get(base + i) & 0xFF;
            if (code == 255) {
                return 0;
            }
            if (code == 0) {
                i++;
                continue;
            }
            int optionLength = buffer.get(base + i + 1) & 0xFF;
            if (code == 61 && i + 2 + optionLength <= length) {
                int hash = 7;
                for (int j = i + 2; j < i + 2 + optionLength; j++) {
                    hash = 31 * hash + buffer.get(base + j);
                }
                return hash == 0 ? 1 : hash;
            }
            i += 2 + optionLength;
        }
        return 0;
    }
}
