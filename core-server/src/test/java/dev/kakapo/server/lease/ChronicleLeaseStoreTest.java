package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleLeaseStoreTest {

    private static Lease4 lease(String address, String mac, long cltt) {
        return new Lease4(Ipv4Address.parse(address), HardwareAddress.parse(mac), new byte[] {1, 2, 3}, 3600, cltt, 1,
                true, false, "host-" + address, LeaseState.DEFAULT, "{\"a\":1}", 7);
    }

    @Test
    void keepsEveryFieldOfALease() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100)) {
            Lease4 lease = lease("10.0.0.1", "02:00:00:00:00:01", 1000);
            assertTrue(store.insert(lease));
            assertEquals(lease, store.get(lease.address()).orElseThrow());
            Lease4 bare = new Lease4(Ipv4Address.parse("10.0.0.2"), null, null, 0, 5, 4294967295L, false, true, "",
                    LeaseState.DECLINED, null, 0);
            store.put(bare);
            assertEquals(bare, store.get(bare.address()).orElseThrow());
        }
    }

    @Test
    void writesAreAtomicPerAddress() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100)) {
            Lease4 first = lease("10.0.0.1", "02:00:00:00:00:01", 1000);
            Lease4 second = lease("10.0.0.1", "02:00:00:00:00:02", 2000);
            assertTrue(store.insert(first));
            assertFalse(store.insert(second), "insert never overwrites");
            assertFalse(store.update(second, first), "update compares with what is stored");
            assertTrue(store.update(first, second));
            assertFalse(store.delete(first), "delete compares too");
            assertTrue(store.delete(second));
            assertEquals(0, store.size());
            assertEquals(first, store.put(first).map(x -> x).orElse(first));
            assertEquals(first, store.put(second).orElseThrow(), "put returns what it replaced");
            assertEquals(second, store.remove(second.address()).orElseThrow());
        }
    }

    @Test
    void findsLeasesByIdentifierAndFollowsChanges() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100)) {
            Lease4 a = lease("10.0.0.1", "02:00:00:00:00:01", 1000);
            Lease4 b = lease("10.0.0.2", "02:00:00:00:00:01", 1000);
            store.insert(a);
            store.insert(b);
            assertEquals(2, store.findByHwAddress(HardwareAddress.parse("02:00:00:00:00:01")).size());
            assertEquals(2, store.findByClientId(new byte[] {1, 2, 3}).size());
            assertEquals(List.of(a), store.findByHostname("HOST-10.0.0.1"));
            Lease4 moved = new Lease4(a.address(), HardwareAddress.parse("02:00:00:00:00:09"), null, 60, 1, 1, false, false,
                    "", LeaseState.DEFAULT, null, 0);
            store.update(a, moved);
            assertEquals(List.of(b), store.findByHwAddress(HardwareAddress.parse("02:00:00:00:00:01")));
            assertEquals(List.of(moved), store.findByHwAddress(HardwareAddress.parse("02:00:00:00:00:09")));
            assertTrue(store.findByHostname("host-10.0.0.1").isEmpty());
        }
    }

    @Test
    void pagesInAscendingAddressOrderExclusiveOfTheStart() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100_000)) {
            for (int i = 70_000; i >= 0; i -= 7) {
                store.insert(lease(Ipv4Address.parse("10.0.0.0").plus(i).toString(), "02:00:00:00:00:01", 1000));
            }
            List<Lease4> all = new java.util.ArrayList<>();
            Ipv4Address cursor = null;
            List<Lease4> page;
            while (!(page = store.page(cursor, 997)).isEmpty()) {
                all.addAll(page);
                cursor = page.get(page.size() - 1).address();
            }
            assertEquals(10_001, all.size());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i - 1).address().compareTo(all.get(i).address()) < 0);
            }
            assertEquals(Ipv4Address.parse("10.0.0.7"), store.page(Ipv4Address.parse("10.0.0.0"), 1).get(0).address());
            assertEquals(Ipv4Address.parse("10.0.0.7"), store.page(Ipv4Address.parse("10.0.0.3"), 1).get(0).address());
        }
    }

    @Test
    void listsExpiredLeasesOldestFirstByState() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100)) {
            store.insert(lease("10.0.0.1", "02:00:00:00:00:01", 300));
            store.insert(lease("10.0.0.2", "02:00:00:00:00:02", 100));
            store.insert(lease("10.0.0.3", "02:00:00:00:00:03", 10_000));
            store.put(lease("10.0.0.4", "02:00:00:00:00:04", 50).withState(LeaseState.EXPIRED_RECLAIMED));
            List<Ipv4Address> expired = store.expired(5000, List.of(LeaseState.DEFAULT), 10).stream()
                    .map(Lease4::address).collect(Collectors.toList());
            assertEquals(List.of(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.1")), expired);
            assertEquals(1, store.expired(5000, List.of(LeaseState.EXPIRED_RECLAIMED), 10).size());
            assertEquals(1, store.expired(5000, List.of(LeaseState.DEFAULT), 1).size());
        }
    }

    @Test
    void countsRunsOfAssignedAndDeclinedAddressesAcrossBitmapChunks() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(100)) {
            for (String address : List.of("10.0.255.254", "10.0.255.255", "10.1.0.0", "10.1.0.1")) {
                store.insert(lease(address, "02:00:00:00:00:01", 1000));
            }
            store.put(lease("10.1.0.2", "02:00:00:00:00:02", 1000).withState(LeaseState.DECLINED));
            store.put(lease("10.1.0.3", "02:00:00:00:00:03", 1000).withState(LeaseState.RELEASED));
            Ipv4Address last = Ipv4Address.parse("10.1.0.200");
            assertEquals(5, store.takenRun(Ipv4Address.parse("10.0.255.254"), last), "assigned and declined, over the /16 edge");
            assertEquals(0, store.takenRun(Ipv4Address.parse("10.0.255.253"), last), "a free first address ends the run at once");
            assertEquals(0, store.takenRun(Ipv4Address.parse("10.1.0.3"), last), "a released lease takes nothing");
            assertEquals(2, store.takenRun(Ipv4Address.parse("10.0.255.254"), Ipv4Address.parse("10.0.255.255")), "never past the last");
            Lease4 assigned = store.get(Ipv4Address.parse("10.1.0.0")).orElseThrow();
            assertTrue(store.update(assigned, assigned.withState(LeaseState.EXPIRED_RECLAIMED)));
            assertEquals(2, store.takenRun(Ipv4Address.parse("10.0.255.254"), last), "a reclaimed lease frees its address");
            store.remove(Ipv4Address.parse("10.0.255.255"));
            assertEquals(1, store.takenRun(Ipv4Address.parse("10.0.255.254"), last));
        }
    }

    @Test
    void aReopenedStoreRebuildsEveryIndex(@TempDir Path dir) {
        Path file = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(file, 1000, 0)) {
            for (int i = 0; i < 300; i++) {
                store.insert(lease(Ipv4Address.parse("10.0.0.1").plus(i).toString(), "02:00:00:00:01:" + String.format("%02x", i % 256),
                        1000 + i % 7));
            }
            store.put(lease("10.0.9.1", "02:00:00:00:09:01", 50).withState(LeaseState.EXPIRED_RECLAIMED));
            store.put(new Lease4(Ipv4Address.parse("10.0.9.2"), null, null, 4294967295L, 1000, 1, false, false, "",
                    LeaseState.DEFAULT, null, 0));
        }
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(file, 1000, 0)) {
            assertEquals(302, store.size());
            assertEquals(300, store.takenRun(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.9.255")));
            assertEquals(1, store.takenRun(Ipv4Address.parse("10.0.9.2"), Ipv4Address.parse("10.0.9.255")), "an infinite lease");
            assertEquals(2, store.findByHwAddress(HardwareAddress.parse("02:00:00:00:01:05")).size(), "index by hardware address");
            assertEquals(1, store.findByHostname("HOST-10.0.0.7").size(), "index by host name");
            assertEquals(Ipv4Address.parse("10.0.9.1"), store.page(Ipv4Address.parse("10.0.1.44"), 5).get(0).address(), "paging");
            List<Lease4> expired = store.expired(1000 + 3600, List.of(LeaseState.DEFAULT), 1000);
            assertEquals(300 / 7 + 1, expired.size(), "the first second's leases, and none later");
            assertEquals(1, store.expired(5000, List.of(LeaseState.EXPIRED_RECLAIMED), 10).size());
            assertTrue(store.expired(1000 + 3600 - 1, List.of(LeaseState.DEFAULT), 1000).isEmpty());
            assertEquals(Ipv4Address.parse("10.0.9.2"), store.expired(1000 + 4294967295L, List.of(LeaseState.DEFAULT), 1000).get(300).address(),
                    "an infinite lease expires last");
        }
    }

    @Test
    void onlyOneHolderAtATime(@TempDir Path dir) {
        Path file = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(file, 1000, 0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChronicleLeaseStore.journaled(file, 1000, 0));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }
}
