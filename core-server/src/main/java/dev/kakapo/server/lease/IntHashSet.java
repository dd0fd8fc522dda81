package dev.kakapo.server.lease;

import java.util.function.IntPredicate;

/**
 * A set of ints in one array (open addressing, linear probing), for index buckets that hold
 * thousands of addresses: a boxed set would give the collector an object per address to trace
 * and copy. Not thread-safe; the owner locks.
 */
final class IntHashSet {

    private static final int EMPTY = 0;

    /** Slots; {@link #EMPTY} marks a free one, so the value 0 is held apart in {@link #hasZero}. */
    private int[] slots;
    private int size;
    private boolean hasZero;

    IntHashSet() {
        this(8);
    }

    IntHashSet(int expected) {
        slots = new int[tableSizeFor(expected)];
    }

    /** Adds {@code value}; false when it was already there. */
    boolean add(int value) {
        if (value == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int mask = slots.length - 1;
        int at = mix(value) & mask;
        while (slots[at] != EMPTY) {
            if (slots[at] == value) {
                return false;
            }
            at = (at + 1) & mask;
        }
        slots[at] = value;
        size++;
        if (size * 4 > slots.length * 3) {
            rehash(slots.length * 2);
        }
        return true;
    }

    /** Removes {@code value}; false when it was not there. */
    boolean remove(int value) {
        if (value == EMPTY) {
            boolean removed = hasZero;
            hasZero = false;
            return removed;
        }
        int mask = slots.length - 1;
        int at = mix(value) & mask;
        while (slots[at] != value) {
            if (slots[at] == EMPTY) {
                return false;
            }
            at = (at + 1) & mask;
        }
        shiftBack(at, mask);
        size--;
        return true;
    }

    boolean contains(int value) {
        if (value == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int at = mix(value) & mask; slots[at] != EMPTY; at = (at + 1) & mask) {
            if (slots[at] == value) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Offers each value to {@code consumer} in no particular order until it returns false. */
    boolean forEachWhile(IntPredicate consumer) {
        if (hasZero && !consumer.test(EMPTY)) {
            return false;
        }
        for (int value : slots) {
            if (value != EMPTY && !consumer.test(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Closes the gap a removal leaves, so that no probe sequence is cut short: each later entry of
     * the run moves back into the gap unless its home slot lies cyclically after the gap.
     */
    private void shiftBack(int gap, int mask) {
        int at = gap;
        while (true) {
            at = (at + 1) & mask;
            int value = slots[at];
            if (value == EMPTY) {
                break;
            }
            int home = mix(value) & mask;
            if (((at - home) & mask) >= ((at - gap) & mask)) {
                slots[gap] = value;
                gap = at;
            }
        }
        slots[gap] = EMPTY;
    }

    private void rehash(int capacity) {
        int[] old = slots;
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int value : old) {
            if (value != EMPTY) {
                int at = mix(value) & mask;
                while (slots[at] != EMPTY) {
                    at = (at + 1) & mask;
                }
                slots[at] = value;
            }
        }
    }

    /** Spreads sequential addresses over the table (a pool is a run of consecutive ints). */
    static int mix(int value) {
        int h = value * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    static int tableSizeFor(int expected) {
        int wanted = Math.max(8, (int) Math.min(1 << 30, (long) expected * 4 / 3 + 1));
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
