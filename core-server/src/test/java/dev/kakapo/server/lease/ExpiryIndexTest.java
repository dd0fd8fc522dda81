package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryIndexTest {

    @Test
    void returnsTheOldestExpiredFirstUpToTheLimit() {
        ExpiryIndex index = new ExpiryIndex();
        index.add(300, Ipv4Address.parse("10.0.0.3"));
        index.add(100, Ipv4Address.parse("10.0.0.1"));
        index.add(200, Ipv4Address.parse("10.0.0.2"));
        index.add(400, Ipv4Address.parse("10.0.0.4"));
        assertEquals(List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2")), index.expiredBy(300, 2));
        assertEquals(3, index.expiredBy(300, 10).size());
        index.remove(100, Ipv4Address.parse("10.0.0.1"));
        assertEquals(Ipv4Address.parse("10.0.0.2"), index.expiredBy(1000, 10).get(0));
    }

    @Test
    void losesNoAddressWhenOneThreadEmptiesABucketAnotherFills() throws Exception {
        // One thread keeps adding and removing a lease in the same second's bucket, emptying it
        // again and again, while another adds leases there for good.
        ExpiryIndex index = new ExpiryIndex();
        CountDownLatch start = new CountDownLatch(1);
        Thread churn = new Thread(() -> {
            await(start);
            for (int i = 0; i < 200_000; i++) {
                index.add(500, Ipv4Address.parse("10.9.9.9"));
                index.remove(500, Ipv4Address.parse("10.9.9.9"));
            }
        });
        Thread steady = new Thread(() -> {
            await(start);
            for (int i = 1; i <= 20_000; i++) {
                index.add(500, Ipv4Address.of(0x0A000000 + i));
            }
        });
        churn.start();
        steady.start();
        start.countDown();
        churn.join();
        steady.join();
        Set<Ipv4Address> found = new HashSet<>(index.expiredBy(500, 100_000));
        assertEquals(20_000, found.size());
        assertTrue(found.contains(Ipv4Address.of(0x0A000000 + 20_000)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
