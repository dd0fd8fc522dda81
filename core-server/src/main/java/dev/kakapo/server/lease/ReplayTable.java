package dev.kakapo.server.lease;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where start-up replays the snapshot and the journals before anything reaches the map: each
 * address's last record, in a flat open-addressing table. Later records overwrite earlier ones
 * here at the cost of an array store; the map and the indexes then take each surviving lease
 * once, from several threads (see {@link #slots} and {@link #leaseAt}).
 *
 * <p>The leases' bytes go into a few large arenas rather than a million small arrays: the
 * collector copies a million live objects at every young collection, and a few arrays cost it
 * nothing.
 */
final class ReplayTable implements JournalReader.Records {

    private static final long EMPTY = -1;
    /** Marks an address whose last record removed its lease. */
    private static final long REMOVED = -2;
    private static final int ARENA_BYTES = 8 << 20;

    private int[] keys;
    /** Per slot: arena index in the high half, offset in the low half; or EMPTY, REMOVED. */
    private long[] refs;
    private int used;
    private int removed;
    private final List<byte[]> arenas = new ArrayList<>();
    private byte[] arena;
    private int arenaUsed;

    ReplayTable(long expected) {
        int capacity = Integer.highestOneBit((int) Math.min(1 << 30, Math.max(1024, expected * 2)) - 1) << 1;
        keys = new int[capacity];
        refs = new long[capacity];
        Arrays.fill(refs, EMPTY);
    }

    @Override
    public void put(int address, byte[] source, int offset, int length) {
        store(address, copy(source, offset, length));
    }

    @Override
    public void remove(int address) {
        store(address, REMOVED);
    }

    /** Copies a lease into the arena, after its length. */
    private long copy(byte[] source, int offset, int length) {
        int needed = 4 + length;
        if (arena == null || arenaUsed + needed > arena.length) {
            arena = new byte[Math.max(ARENA_BYTES, needed)];
            arenas.add(arena);
            arenaUsed = 0;
        }
        long ref = ((long) (arenas.size() - 1) << 32) | arenaUsed;
        ByteBuffer.wrap(arena, arenaUsed, 4).putInt(length);
        System.arraycopy(source, offset, arena, arenaUsed + 4, length);
        arenaUsed += needed;
        return ref;
    }

    private void store(int address, long ref) {
        if (used >= keys.length / 2) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = mix(address) & mask;
        while (refs[slot] != EMPTY && keys[slot] != address) {
            slot = (slot + 1) & mask;
        }
        if (refs[slot] == EMPTY) {
            keys[slot] = address;
            used++;
        } else if (refs[slot] == REMOVED) {
            removed--;
        }
        if (ref == REMOVED) {
            removed++;
        }
        refs[slot] = ref;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldRefs = refs;
        keys = new int[oldKeys.length * 2];
        refs = new long[oldKeys.length * 2];
        Arrays.fill(refs, EMPTY);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRefs[i] != EMPTY) {
                int slot = mix(oldKeys[i]) & mask;
                while (refs[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                refs[slot] = oldRefs[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** How many addresses have a lease after the replay. */
    long leases() {
        return used - removed;
    }

    /** The number of slots: {@link #leaseAt} takes any index below it. */
    int slots() {
        return keys.length;
    }

    /** The address in {@code slot}, meaningful only when {@link #leaseAt} is not null. */
    int addressAt(int slot) {
        return keys[slot];
    }

    /** A copy of the lease in {@code slot}, or null when the slot is empty or its address's lease was removed. */
    byte[] leaseAt(int slot) {
        long ref = refs[slot];
        if (ref < 0) {
            return null;
        }
        byte[] in = arenas.get((int) (ref >>> 32));
        int offset = (int) ref;
        int length = ByteBuffer.wrap(in, offset, 4).getInt();
        byte[] lease = new byte[length];
        System.arraycopy(in, offset + 4, lease, 0, length);
        return lease;
    }

    /** Lets the leases go once they are in the map. */
    void clear() {
        keys = new int[0];
        refs = new long[0];
        arenas.clear();
        arena = null;
    }
}
