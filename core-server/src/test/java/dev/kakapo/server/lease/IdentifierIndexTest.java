package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdentifierIndexTest {

    @Test
    void findsEveryAddressOfAnIdentifierThroughRandomChanges() {
        Random random = new Random(7);
        IdentifierIndex index = new IdentifierIndex();
        Map<Long, Set<Integer>> reference = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            long hash = random.nextInt(5000);              // many identifiers with several addresses each
            int address = 0x0A000000 + random.nextInt(4);
            if (random.nextInt(3) == 0) {
                index.remove(hash, Ipv4Address.of(address));
                reference.getOrDefault(hash, new HashSet<>()).remove(address);
            } else {
                index.add(hash, Ipv4Address.of(address));
                reference.computeIfAbsent(hash, k -> new HashSet<>()).add(address);
            }
        }
        for (long hash = 0; hash < 5000; hash++) {
            assertEquals(reference.getOrDefault(hash, Set.of()), asSet(index.get(hash)), "hash " + hash);
        }
    }

    @Test
    void keepsEveryEntryWhenHandlersIndexAtOnce() throws Exception {
        IdentifierIndex index = new IdentifierIndex();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        long hash = IdentifierIndex.hash(1, new byte[] {(byte) thread, (byte) (i >> 8), (byte) i});
                        index.add(hash, Ipv4Address.of(thread << 24 | i));
                        if (i % 2 == 1) {
                            index.remove(hash, Ipv4Address.of(thread << 24 | i));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 50_000; i++) {
                long hash = IdentifierIndex.hash(1, new byte[] {(byte) t, (byte) (i >> 8), (byte) i});
                Set<Integer> expected = i % 2 == 1 ? Set.of() : Set.of(t << 24 | i);
                // Below 65,536 each (thread, i) gives its own three bytes, so its own identifier.
                assertEquals(expected, asSet(index.get(hash)), "thread " + t + " entry " + i);
            }
        }
    }

    private static Set<Integer> asSet(int[] addresses) {
        return Arrays.stream(addresses).boxed().collect(Collectors.toSet());
    }
}
