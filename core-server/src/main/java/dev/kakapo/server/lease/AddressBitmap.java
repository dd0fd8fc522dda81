package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The set of leased addresses in ascending order, for paging: one bit per address, in chunks of
 * 65,536 addresses created as leases appear. A million leases in a few /16s take a few hundred
 * kilobytes, where a sorted set of boxed keys would take tens of megabytes.
 *
 * <p>The chunks hang off a flat table of every /16 of the address space (256 KB of references):
 * finding one is an index, with no key to box and no search. A sorted map of chunks cost an
 * allocation per lookup and, each time it grew, sent the JIT's compiled packet path back to the
 * interpreter while it recompiled (seconds of slower serving on a busy core).
 */
final class AddressBitmap {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNKS = 1 << (32 - CHUNK_BITS);
    private final AtomicReferenceArray<BitSet> chunks = new AtomicReferenceArray<>(CHUNKS);

    void add(Ipv4Address address) {
        long value = address.unsigned();
        BitSet chunk = chunkFor((int) (value >>> CHUNK_BITS));
        synchronized (chunk) {
            chunk.set((int) (value & 0xFFFF));
        }
    }

    /** The chunk of /16 number {@code index}, created when it has none yet. */
    private BitSet chunkFor(int index) {
        BitSet chunk = chunks.get(index);
        if (chunk == null) {
            chunks.compareAndSet(index, null, new BitSet(1 << CHUNK_BITS));
            chunk = chunks.get(index);
        }
        return chunk;
    }

    /**
     * Adds {@code count} addresses (as {@link Ipv4Address#bits}) given with those of a chunk next
     * to each other (sorted), so each chunk is found and locked once.
     */
    void addAll(int[] addresses, int count) {
        int i = 0;
        while (i < count) {
            long key = Integer.toUnsignedLong(addresses[i]) >>> CHUNK_BITS;
            BitSet chunk = chunkFor((int) key);
            synchronized (chunk) {
                for (; i < count && Integer.toUnsignedLong(addresses[i]) >>> CHUNK_BITS == key; i++) {
                    chunk.set(addresses[i] & 0xFFFF);
                }
            }
        }
    }

    void remove(Ipv4Address address) {
        long value = address.unsigned();
        BitSet chunk = chunks.get((int) (value >>> CHUNK_BITS));
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
            BitSet chunk = chunks.get((int) (at >>> CHUNK_BITS));
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
        for (int index = (int) (start >>> CHUNK_BITS); index < CHUNKS && out.size() < limit; index++) {
            BitSet chunk = chunks.get(index);
            if (chunk == null) {
                continue;
            }
            long base = (long) index << CHUNK_BITS;
            synchronized (chunk) {
                int bit = chunk.nextSetBit(base >= start ? 0 : (int) (start - base));
                while (bit >= 0 && out.size() < limit) {
                    out.add(Ipv4Address.of((int) (base + bit)));
                    bit = bit + 1 < (1 << CHUNK_BITS) ? chunk.nextSetBit(bit + 1) : -1;
                }
            }
        }
        return out;
    }
}
