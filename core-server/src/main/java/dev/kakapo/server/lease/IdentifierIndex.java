package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses by an identifier's 64-bit hash (hardware address, client id, host name). Compact:
 * one map entry and one small int array per identifier. A hash collision only costs a wasted
 * look-up, since callers check each lease found against the identifier.
 */
final class IdentifierIndex {

    private static final int[] NONE = new int[0];
    private final ConcurrentHashMap<Long, int[]> byHash = new ConcurrentHashMap<>();

    void add(long hash, Ipv4Address address) {
        byHash.compute(hash, (k, addresses) -> {
            if (addresses == null) {
                return new int[] {address.bits()};
            }
            for (int a : addresses) {
                if (a == address.bits()) {
                    return addresses;
                }
            }
            int[] grown = Arrays.copyOf(addresses, addresses.length + 1);
            grown[addresses.length] = address.bits();
            return grown;
        });
    }

    void remove(long hash, Ipv4Address address) {
        byHash.computeIfPresent(hash, (k, addresses) -> {
            int at = -1;
            for (int i = 0; i < addresses.length; i++) {
                if (addresses[i] == address.bits()) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return addresses;
            }
            if (addresses.length == 1) {
                return null;
            }
            int[] shrunk = new int[addresses.length - 1];
            System.arraycopy(addresses, 0, shrunk, 0, at);
            System.arraycopy(addresses, at + 1, shrunk, at, addresses.length - at - 1);
            return shrunk;
        });
    }

    int[] get(long hash) {
        return byHash.getOrDefault(hash, NONE);
    }

    /** A 64-bit FNV-1a hash of bytes, with a tag so that different identifier kinds do not share buckets. */
    static long hash(int tag, byte[] bytes) {
        long h = 0xcbf29ce484222325L ^ tag;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
