package dev.kakapo.server.lease;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntHashSetTest {

    @Test
    void behavesAsASetThroughRandomAddsAndRemovals() {
        // Few distinct values in a growing and shrinking set: long probe runs, many removals in them.
        Random random = new Random(42);
        IntHashSet set = new IntHashSet();
        Set<Integer> reference = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            int value = 0x0A000000 + random.nextInt(3000) - 5;
            if (random.nextInt(3) == 0) {
                assertEquals(reference.remove(value), set.remove(value), "remove " + value);
            } else {
                assertEquals(reference.add(value), set.add(value), "add " + value);
            }
            if (i % 10_000 == 0) {
                assertSameContents(reference, set);
            }
        }
        assertSameContents(reference, set);
    }

    @Test
    void holdsZeroAndNegativeValues() {
        IntHashSet set = new IntHashSet();
        assertTrue(set.add(0));
        assertTrue(set.add(-1));
        assertFalse(set.add(0));
        assertEquals(2, set.size());
        assertTrue(set.contains(0));
        assertTrue(set.remove(0));
        assertFalse(set.contains(0));
        assertTrue(set.contains(-1));
    }

    @Test
    void stopsIteratingWhenAsked() {
        IntHashSet set = new IntHashSet();
        for (int i = 1; i <= 100; i++) {
            set.add(i);
        }
        int[] seen = {0};
        assertFalse(set.forEachWhile(value -> ++seen[0] < 10));
        assertEquals(10, seen[0]);
    }

    private static void assertSameContents(Set<Integer> reference, IntHashSet set) {
        assertEquals(reference.size(), set.size());
        Set<Integer> seen = new HashSet<>();
        set.forEachWhile(seen::add);
        assertEquals(reference, seen);
        for (int value : reference) {
            assertTrue(set.contains(value));
        }
    }
}
