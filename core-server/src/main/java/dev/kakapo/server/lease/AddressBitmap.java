package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The set of leased addresses in ascending order, for paging: one bit per address, in chunks of
 * 65,536 addresses created as leases appear. A million leases in a few /16s take a few hundred
 * kilobytes, where a sorted set of boxed keys would take tens of megabytes.
 */
final class AddressBitmap {

    private static final int CHUNK_BITS = 16;
    private final ConcurrentSkipListMap<Long, BitSet> chunks = new ConcurrentSkipListMap<>();

    void add(Ipv4Address address) {
        long value = address.unsigned();
        BitSet chunk = chunks.computeIfAbsent(value >>> CHUNK_BITS, k -> new BitSet(1 << CHUNK_BITS));
        synchronized (chunk) {
            chunk.set((int) (value & 0xFFFF));
        }
    }

    /**
     * Adds {@code count} addresses (as {@link Ipv4Address#bits}) given with those of a chunk next
     * to each other (sorted), so each chunk is found and locked once.
     */
    void addAll(int[] addresses, int count) {
        int i = 0;
        while (i < count) {
            long key = Integer.toUnsignedLong(addresses[i]) >>> CHUNK_BITS;
            BitSet chunk = chunks.computeIfAbsent(key, k -> new BitSet(1 << CHUNK_BITS));
            synchronized (chunk) {
                for (; i < count && Integer.toUnsignedLong(addresses[i]) >>> CHUNK_BITS == key; i++) {
                    chunk.set(addresses[i] & 0xFFFF);
                }
            }
        }
    }

    void remove(Ipv4Address address) {
        long value = address.unsigned();
        BitSet chunk = chunks.get(value >>> CHUNK_BITS);
        if (chunk != null) {
            synchronized (chunk) {
                chunk.clear((int) (value & 0xFFFF));
            }
        }
    }

    /** How many addresses from {@code first} up to {@code last} are in the set one after another. */
    long runFrom(Ipv4Address first, Ipv4Address last) {
        long start = first.unsigned();
        long end = last.unsigned();
        long at = start;
        while (at <= end) {
            BitSet chunk = chunks.get(at >>> CHUNK_BITS);
            if (chunk == null) {
                break;
            }
            int clear;
            synchronized (chunk) {
                clear = chunk.nextClearBit((int) (at & 0xFFFF));
            }
            at = (at & ~0xFFFFL) + clear;
            if (clear < 1 << CHUNK_BITS) {
                break;
            }
        }
        return Math.max(0, Math.min(at, end + 1) - start);
    }

    /** Up to {@code limit} addresses above {@code after} (or from the lowest when null), ascending. */
    List<Ipv4Address> after(Ipv4Address after, int limit) {
        List<Ipv4Address> out = new ArrayList<>(Math.min(limit, 1024));
        long start = after == null ? 0 : after.unsigned() + 1;
        if (start > 0xFFFFFFFFL) {
            return out;
        }
        for (Map.Entry<Long, BitSet> entry : chunks.tailMap(start >>> CHUNK_BITS, true).entrySet()) {
            long base = entry.getKey() << CHUNK_BITS;
            BitSet chunk = entry.getValue();
            synchronized (chunk) {
                int bit = chunk.nextSetBit(base >= start ? 0 : (int) (start - base));
                while (bit >= 0 && out.size() < limit) {
                    out.add(Ipv4Address.of((int) (base + bit)));
                    bit = bit + 1 < (1 << CHUNK_BITS) ? chunk.nextSetBit(bit + 1) : -1;
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }
}
