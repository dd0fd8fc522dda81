package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.LeaseDatabaseConfig;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseJournalTest {

    @TempDir
    Path dir;

    /** Never compacts on its own: the tests that want compaction call it. */
    private static final LeaseCompactor.Policy NEVER = new LeaseCompactor.Policy(Long.MAX_VALUE, Long.MAX_VALUE, 0);

    private static Lease4 lease(int i, long cltt) {
        byte[] mac = {2, 0, 0, 0, (byte) (i >>> 8), (byte) i};
        return new Lease4(Ipv4Address.parse("10.0.0.0").plus(i), HardwareAddress.of(1, mac), mac, 3600, cltt, 1,
                false, false, "host-" + i, LeaseState.DEFAULT, null, 0);
    }

    private ChronicleLeaseStore open(Path store) {
        return ChronicleLeaseStore.journaled(store, 1000, NEVER);
    }

    private static Map<Ipv4Address, Lease4> contents(ChronicleLeaseStore store) {
        Map<Ipv4Address, Lease4> all = new HashMap<>();
        store.forEachLease(lease -> all.put(lease.address(), lease));
        return all;
    }

    /** Equal maps, or a short message naming the first few differences (a full dump is unreadable). */
    private static void assertSameLeases(Map<Ipv4Address, Lease4> expected, Map<Ipv4Address, Lease4> actual) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<Ipv4Address, Lease4> entry : expected.entrySet()) {
            if (!entry.getValue().equals(actual.get(entry.getKey()))) {
                differences.add(entry.getKey() + ": expected " + entry.getValue() + ", was " + actual.get(entry.getKey()));
            }
        }
        for (Ipv4Address address : actual.keySet()) {
            if (!expected.containsKey(address)) {
                differences.add(address + ": expected none, was " + actual.get(address));
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + expected.size() + " differ, such as "
                + differences.subList(0, Math.min(3, differences.size())));
    }

    private List<String> files(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyKindOfWriteIsReplayedAfterReopening() {
        Path store = dir.resolve("leases.kakapo");
        Map<Ipv4Address, Lease4> expected;
        try (ChronicleLeaseStore leases = open(store)) {
            for (int i = 0; i < 50; i++) {
                assertTrue(leases.insert(lease(i, 1000)));
            }
            assertTrue(leases.update(lease(1, 1000), lease(1, 2000)));
            assertFalse(leases.update(lease(2, 999), lease(2, 2000)), "a stale update changes nothing");
            leases.put(lease(3, 3000));
            leases.put(lease(60, 3000));
            assertTrue(leases.delete(lease(4, 1000)));
            assertTrue(leases.remove(lease(5, 0).address()).isPresent());
            expected = contents(leases);
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertSameLeases(expected, contents(leases));
            assertEquals(49, leases.size());
            assertEquals(1, leases.findByHostname("host-60").size(), "indexes are rebuilt from the replay");
        }
    }

    @Test
    void compactionReplacesTheJournalsWithASnapshotThatReplaysTheSame() throws IOException {
        Path store = dir.resolve("leases.kakapo");
        Map<Ipv4Address, Lease4> expected;
        try (ChronicleLeaseStore leases = open(store)) {
            for (int i = 0; i < 200; i++) {
                leases.put(lease(i, 1000));
                leases.put(lease(i, 2000));
            }
            leases.remove(lease(7, 0).address());
            compact(leases);
            leases.put(lease(8, 5000));
            expected = contents(leases);
        }
        assertEquals(List.of("journal.000000000002", "lock", "snapshot"), files(store),
                "the first journal is gone, its leases are in the snapshot");
        try (ChronicleLeaseStore leases = open(store)) {
            assertSameLeases(expected, contents(leases));
        }
    }

    /** A closed store of ten leases: in its first journal, or in a snapshot when {@code compacted}. */
    private Path storeOfTenLeases(boolean compacted) throws IOException {
        Path store = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore leases = open(store)) {
            for (int i = 0; i < 10; i++) {
                leases.insert(lease(i, 1000));
            }
            if (compacted) {
                compact(leases);
            }
        }
        return store;
    }

    private static void compact(ChronicleLeaseStore store) throws IOException {
        store.compactNow();
    }

    @Test
    void writesDuringACompactionAreNeitherLostNorUndone() throws Exception {
        Path store = dir.resolve("leases.kakapo");
        Map<Ipv4Address, Lease4> expected;
        try (ChronicleLeaseStore leases = open(store)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int first = w * 1000;
                Thread writer = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long cltt = 1;
                    while (!stop.get()) {
                        int i = first + random.nextInt(1000);
                        if (random.nextInt(5) == 0) {
                            leases.remove(lease(i, 0).address());
                        } else {
                            leases.put(lease(i, cltt++));
                        }
                        writes.incrementAndGet();
                    }
                });
                writer.start();
                writers.add(writer);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int compactions = 0;
            while (compactions < 20 && System.nanoTime() < until) {
                compact(leases);
                compactions++;
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertTrue(writes.get() > 1000 && compactions > 3, writes + " writes, " + compactions + " compactions");
            expected = contents(leases);
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertSameLeases(expected, contents(leases));
            assertEquals(expected.size(), leases.size());
        }
    }

    @Test
    void aCompactionWaitsForAWriteBetweenItsRecordAndItsMapChange() throws Exception {
        Path store = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore leases = open(store)) {
            leases.insert(lease(1, 1000));
            JournalAppender first = leases.journal().current();
            Thread writer;
            Thread compaction;
            // Holding the appender's monitor stops the writer inside its record, its stripe lock held.
            synchronized (first) {
                writer = new Thread(() -> leases.put(lease(1, 2000)));
                writer.start();
                while (writer.getState() != Thread.State.BLOCKED) {
                    Thread.sleep(1);
                }
                compaction = new Thread(() -> {
                    try {
                        leases.compactNow();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                compaction.start();
                Thread.sleep(300);
                assertEquals(1, leases.journal().current().generation(),
                        "no roll-over while a write is between its journal record and its map change");
            }
            writer.join(10_000);
            compaction.join(10_000);
            assertEquals(2, leases.journal().current().generation());
            assertEquals(lease(1, 2000), leases.get(lease(1, 0).address()).orElseThrow());
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertEquals(lease(1, 2000), leases.get(lease(1, 0).address()).orElseThrow(), "the snapshot or the new journal has it");
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndEverythingBeforeItKept() throws IOException {
        Path store = storeOfTenLeases(false);
        Path journal = store.resolve("journal.000000000001");
        long whole = Files.size(journal);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(whole - 7);
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertEquals(9, leases.size(), "the torn tenth lease is gone, the nine before it are there");
            assertFalse(leases.get(lease(9, 0).address()).isPresent());
        }
        JournalReader.Result reread = JournalReader.scan(journal);
        assertFalse(reread.damaged(), "the damaged end was cut off: " + reread);
        assertEquals(9, reread.records());
    }

    @Test
    void aFlippedByteEndsTheReplayAtItsRecord() throws IOException {
        Path store = storeOfTenLeases(false);
        Path journal = store.resolve("journal.000000000001");
        long recordBytes = (Files.size(journal) - JournalFormat.HEADER_BYTES) / 10;
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            long inSixth = JournalFormat.HEADER_BYTES + 5 * recordBytes + recordBytes / 2;
            file.seek(inSixth);
            int b = file.read();
            file.seek(inSixth);
            file.write(b ^ 0x10);
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertEquals(5, leases.size(), "the checksum stops the replay at the sixth record");
        }
        Path kept = store.resolve("damaged-journal.000000000001");
        assertEquals(5 * recordBytes, Files.size(kept), "the unreadable part is kept for inspection, not thrown away");
        assertEquals(JournalFormat.HEADER_BYTES + 5 * recordBytes, Files.size(journal), "and cut off the journal");
    }

    @Test
    void aDamagedSnapshotStopsTheStartWithAClearReason() throws IOException {
        Path store = storeOfTenLeases(true);
        Path snapshot = store.resolve(LeaseJournal.SNAPSHOT);
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.setLength(Files.size(snapshot) - 3);
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(store));
        assertTrue(e.getMessage().contains("snapshot") && e.getMessage().contains("damaged")
                && e.getMessage().contains("does not start on part of its leases"), e.getMessage());
    }

    @Test
    void whatAnInterruptedCompactionLeftIsIgnoredAndRemoved() throws IOException {
        Path store = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore leases = open(store)) {
            leases.insert(lease(1, 1000));
            compact(leases);
            leases.put(lease(1, 2000));
        }
        // A crash after the snapshot's rename and before the old journal's deletion leaves an
        // older journal; one in the middle of a snapshot leaves a partial one.
        Files.writeString(store.resolve(LeaseJournal.PARTIAL_SNAPSHOT), "half a snapshot");
        try (JournalAppender stale = JournalAppender.create(store.resolve("journal.000000000001"), 1)) {
            stale.append(JournalFormat.PUT, lease(1, 0).address().bits(), LeaseCodec.encode(lease(1, 1)));
            stale.append(JournalFormat.PUT, lease(2, 0).address().bits(), LeaseCodec.encode(lease(2, 1)));
        }
        try (ChronicleLeaseStore leases = open(store)) {
            assertEquals(Map.of(lease(1, 0).address(), lease(1, 2000)), contents(leases));
        }
        assertEquals(List.of("journal.000000000002", "journal.000000000003", "lock", "snapshot"), files(store));
    }

    @Test
    void aStoreIsHeldByOneProcessAtATime() {
        Path store = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore leases = open(store)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(store));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }

    @Test
    void aClosedStoreRefusesWritesInsteadOfLosingThem() {
        Path store = dir.resolve("leases.kakapo");
        ChronicleLeaseStore leases = open(store);
        leases.journal().close();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> leases.insert(lease(1, 1000)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(leases.get(lease(1, 0).address()).isPresent(), "the map is unchanged when the journal refuses");
        leases.close();
    }

    @Test
    void theStoreOfAnEarlierKakapoIsMigratedAndLeftAlone() throws IOException {
        Path name = dir.resolve("kea-leases4.csv");
        Path legacy = LegacyChronicleFile.of(name);
        try (ChronicleMap<Integer, byte[]> old = ChronicleLeaseStore.builder(1000).createPersistedTo(legacy.toFile())) {
            for (int i = 0; i < 20; i++) {
                old.put(lease(i, 1000).address().bits(), LeaseCodec.encode(lease(i, 1000)));
            }
        }
        Files.createFile(Path.of(legacy + ".clean"));
        byte[] before = Files.readAllBytes(legacy);
        LeaseDatabaseConfig database = new LeaseDatabaseConfig("memfile", true, name.toString(), 3600, 0);
        try (ChronicleLeaseStore leases = LeaseStores.open(database, 100)) {
            assertEquals(20, leases.size());
            assertEquals(lease(7, 1000), leases.get(lease(7, 0).address()).orElseThrow());
            leases.remove(lease(7, 0).address());
        }
        assertArrayEquals(before, Files.readAllBytes(legacy), "the old file is not written");
        try (ChronicleLeaseStore leases = LeaseStores.open(database, 100)) {
            assertEquals(19, leases.size(), "migrated once: the new store is the truth from then on");
        }
    }

    @Test
    void compactionIsDueBySizeOrByTheIntervalAndNeverForNothing() {
        LeaseCompactor.Policy policy = new LeaseCompactor.Policy(1000, 2, 60);
        assertFalse(policy.due(0, 0, TimeUnit.HOURS.toNanos(5)), "nothing written, nothing to do");
        assertFalse(policy.due(999, 0, 0));
        assertTrue(policy.due(1000, 0, 0), "the minimum reached with no snapshot");
        assertFalse(policy.due(1500, 1000, 0), "below twice the snapshot");
        assertTrue(policy.due(2000, 1000, 0));
        assertTrue(policy.due(1, 1000, TimeUnit.SECONDS.toNanos(60)), "lfc-interval passed");
        assertFalse(new LeaseCompactor.Policy(1000, 2, 0).due(1, 1000, TimeUnit.DAYS.toNanos(1)), "lfc-interval 0: by size only");
    }

    @Test
    void theCompactorCompactsOnItsOwnWhenTheJournalOutgrowsThePolicy() throws Exception {
        Path store = dir.resolve("leases.kakapo");
        try (ChronicleLeaseStore leases = ChronicleLeaseStore.journaled(store, 1000, new LeaseCompactor.Policy(10_000, 2, 0))) {
            for (int i = 0; i < 1000; i++) {
                leases.put(lease(i % 50, i));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(store.resolve(LeaseJournal.SNAPSHOT)) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(store.resolve(LeaseJournal.SNAPSHOT)), "compacted within 20 s: " + files(store));
        }
    }
}
