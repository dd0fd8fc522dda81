package dev.kakapo.hooks.ha;

import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;


/**
 * Which server a query belongs to, as Kea's HA decides it: in hot-standby and passive-backup
 * always the primary's; in load-balancing the RFC 3074 hash of the client identifier (option 61),
 * else of chaddr, picks the primary (even) or the secondary (odd), so that a Kea partner and
 * Kakapo agree on every client (an uneven split configured in the relationship's user context gives
 * the primary the hashes below its share of 256 instead). Message types HA does not scope belong
 * to everyone.
 */
final class QueryFilter {

    /** RFC 3074 section 6: Pearson's mixing table. */
    private static final int[] LOADB_MX_TBL = {
        251, 175, 119, 215, 81, 14, 79, 191, 103, 49, 181, 143, 186, 157, 0, 232, 31, 32, 55, 60, 152, 58, 17, 237,
        174, 70, 160, 144, 220, 90, 57, 223, 59, 3, 18, 140, 111, 166, 203, 196, 134, 243, 124, 95, 222, 179, 197, 65,
        180, 48, 36, 15, 107, 46, 233, 130, 165, 30, 123, 161, 209, 23, 97, 16, 40, 91, 219, 61, 100, 10, 210, 109,
        250, 127, 22, 138, 29, 108, 244, 67, 207, 9, 178, 204, 74, 98, 126, 249, 167, 116, 34, 77, 193, 200, 121, 5,
        20, 113, 71, 35, 128, 13, 182, 94, 25, 226, 227, 199, 75, 27, 41, 245, 230, 224, 43, 225, 177, 26, 155, 150,
        212, 142, 218, 115, 241, 73, 88, 105, 39, 114, 62, 255, 192, 201, 145, 214, 168, 158, 221, 148, 154, 122, 12, 84,
        82, 163, 44, 139, 228, 236, 205, 242, 217, 11, 187, 146, 159, 64, 86, 239, 195, 42, 106, 198, 118, 112, 184, 172,
        87, 2, 173, 117, 176, 229, 247, 253, 137, 185, 99, 164, 102, 147, 45, 66, 231, 52, 141, 211, 194, 206, 246, 238,
        56, 110, 78, 248, 63, 240, 189, 93, 92, 51, 53, 183, 19, 171, 72, 50, 33, 104, 101, 69, 8, 252, 83, 120,
        76, 135, 85, 54, 202, 125, 188, 213, 96, 235, 136, 208, 162, 129, 190, 132, 156, 38, 47, 1, 7, 254, 24, 4,
        216, 131, 89, 21, 28, 133, 37, 153, 149, 80, 170, 68, 6, 169, 234, 151
    };

    private QueryFilter() {
    }

    /** Whether HA decides who answers this query (DISCOVER, REQUEST, DECLINE, RELEASE, INFORM). */
    static boolean scoped(DhcpPacket query) {
        int type = query.messageType().map(MessageType::code).orElse(0);
        return type == MessageType.DISCOVER.code() || type == MessageType.REQUEST.code() || type == MessageType.DECLINE.code()
                || type == MessageType.RELEASE.code() || type == MessageType.INFORM.code();
    }

    /** The name of the peer whose scope the query is in, or null when it has no key to hash. */
    static String owner(DhcpPacket query, HaConfig config) {
        if (config.mode() != HaMode.LOAD_BALANCING) {
            return config.primary().name();
        }
        byte[] key = query.clientIdentifier().filter(id -> id.length > 0).orElse(null);
        if (key == null) {
            byte[] chaddr = query.chaddr();
            int length = Math.min(query.hlen(), chaddr.length);
            if (length == 0) {
                return null;
            }
            key = java.util.Arrays.copyOf(chaddr, length);
        }
        int hash = loadBalancingHash(key);
        // Kea's even split takes the hash's parity; an uneven one gives the primary the hashes
        // below its share of the 256 (the hash spreads clients evenly over 0 to 255).
        int index = config.primaryShare() == 50 ? hash % 2 : hash < config.primaryShare() * 256 / 100 ? 0 : 1;
        PeerRole role = index == 0 ? PeerRole.PRIMARY : PeerRole.SECONDARY;
        return config.peers().stream().filter(p -> p.role() == role).findFirst().orElseThrow().name();
    }

    /** RFC 3074's hash of the key bytes, 0 to 255. */
    static int loadBalancingHash(byte[] key) {
        int hash = key.length & 0xff;
        for (int i = key.length - 1; i >= 0; i--) {
            hash = LOADB_MX_TBL[hash ^ (key[i] & 0xff)];
        }
        return hash;
    }
}
