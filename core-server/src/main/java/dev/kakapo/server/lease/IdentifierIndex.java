package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.Arrays;

/**
 * Addresses by an identifier's 64-bit hash (hardware address, client id, host name). Each entry
 * is a (hash, address) pair in flat arrays, so a million leases add a few arrays, not millions of
 * objects for the collector to trace and copy. Lock-striped by hash: handlers that index
 * different clients rarely meet. A hash collision only costs a wasted look-up, since callers
 * check each lease found against the identifier.
 */
final class IdentifierIndex {

    private static final int[] NONE = new int[0];
    private static final int STRIPE_BITS = 6;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    IdentifierIndex() {
        this(0);
    }

    /** An index sized for {@code expectedEntries} without growing (a store reopened with its leases). */
    IdentifierIndex(long expectedEntries) {
        long perStripe = expectedEntries / stripes.length * 4 / 3 + 16;
        int capacity = Integer.highestOneBit((int) Math.min(1 << 28, perStripe - 1)) << 1;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(capacity);
        }
    }

    void add(long hash, Ipv4Address address) {
        long key = keyOf(hash);
        stripeOf(key).add(key, address.bits());
    }

    void remove(long hash, Ipv4Address address) {
        long key = keyOf(hash);
        stripeOf(key).remove(key, address.bits());
    }

    int[] get(long hash) {
        long key = keyOf(hash);
        return stripeOf(key).get(key);
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

    /** Mixes the hash's bits (FNV's low bits are weak) and keeps 0 free to mark an empty slot. */
    private static long keyOf(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private Stripe stripeOf(long key) {
        return stripes[(int) (key >>> (64 - STRIPE_BITS))];
    }

    /** One lock's share: an open-addressing table of (key, address) pairs with linear probing. */
    private static final class Stripe {
        private long[] keys;
        private int[] addresses;
        private int size;

        Stripe(int capacity) {
            keys = new long[capacity];
            addresses = new int[capacity];
        }

        synchronized void add(long key, int address) {
            int mask = keys.length - 1;
            int at = (int) key & mask;
            while (keys[at] != 0) {
                if (keys[at] == key && addresses[at] == address) {
                    return;
                }
                at = (at + 1) & mask;
            }
            keys[at] = key;
            addresses[at] = address;
            size++;
            if (size * 4 > keys.length * 3) {
                grow();
            }
        }

        synchronized void remove(long key, int address) {
            int mask = keys.length - 1;
            int at = (int) key & mask;
            while (keys[at] != key || addresses[at] != address) {
                if (keys[at] == 0) {
                    return;
                }
                at = (at + 1) & mask;
            }
            shiftBack(at, mask);
            size--;
        }

        synchronized int[] get(long key) {
            int mask = keys.length - 1;
            int[] found = NONE;
            for (int at = (int) key & mask; keys[at] != 0; at = (at + 1) & mask) {
                if (keys[at] == key) {
                    found = Arrays.copyOf(found, found.length + 1);
                    found[found.length - 1] = addresses[at];
                }
            }
            return found;
        }

        /** Closes a removal's gap so that no later entry of the run becomes unreachable. */
        private void shiftBack(int gap, int mask) {
            int at = gap;
            while (true) {
                at = (at + 1) & mask;
                long key = keys[at];
                if (key == 0) {
                    break;
                }
                int home = (int) key & mask;
                if (((at - home) & mask) >= ((at - gap) & mask)) {
                    keys[gap] = key;
                    addresses[gap] = addresses[at];
                    gap = at;
                }
            }
            keys[gap] = 0;
            addresses[gap] = 0;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldAddresses = addresses;
            keys = new long[oldKeys.length * 2];
            addresses = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int at = (int) oldKeys[i] & mask;
                    while (keys[at] != 0) {
                        at = (at + 1) & mask;
                    }
                    keys[at] = oldKeys[i];
                    addresses[at] = oldAddresses[i];
                }
            }
        }
    }
}
