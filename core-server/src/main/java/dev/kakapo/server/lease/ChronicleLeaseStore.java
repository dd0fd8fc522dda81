package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Leases off the heap in a Chronicle Map keyed by address, with on-heap indexes. A persisted
 * store writes each change to a journal (see {@link LeaseJournal}) before its map changes: when
 * a write returns, the lease is in the kernel's page cache and survives the process being killed,
 * and the packet threads never touch a memory-mapped file the kernel may be writing back. Writes
 * to one address are serialised by a lock stripe, which also keeps the journal, the map and the
 * indexes in step.
 */
public final class ChronicleLeaseStore implements LeaseStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleLeaseStore.class);
    private static final int STRIPES = 1024;
    /** A compaction rests this many times as long as it worked (see {@link Compaction#copyTo}). */
    private static final long REST_PER_WORK = 4;

    private final ChronicleMap<Integer, byte[]> map;
    /** Null for a store in memory only. */
    private final LeaseJournal journal;
    private LeaseCompactor compactor;
    private final LeaseIndexes indexes;
    private final Object[] stripes = new Object[STRIPES];
    private final AtomicLong size = new AtomicLong();

    private ChronicleLeaseStore(ChronicleMap<Integer, byte[]> map, LeaseJournal journal, ReplayTable replayed) {
        this.map = map;
        this.journal = journal;
        this.indexes = new LeaseIndexes(replayed == null ? map.longSize() : replayed.leases());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        if (replayed == null) {
            indexEveryLease();
        } else {
            loadAndIndex(replayed);
        }
    }

    /** One share of the start-up work: adds its leases to {@code batch} and returns how many. */
    private interface Share {
        long run(int share, LeaseIndexes.Batch batch);
    }

    /**
     * Rebuilds the on-heap indexes from the map, its segments shared out among the cores: with a
     * million leases this is most of the time before the first answer. The indexes take adds of
     * different addresses from several threads, as they do from the packet handlers.
     */
    private void indexEveryLease() {
        inParallel(map.segments(), (segment, batch) -> {
            long[] inSegment = {0};
            try (MapSegmentContext<Integer, byte[], ?> context = map.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    batch.add(LeaseCodec.decode(Ipv4Address.of(entry.key().get()), entry.value().get()));
                    inSegment[0]++;
                });
            }
            return inSegment[0];
        });
    }

    /**
     * Puts each replayed lease into the map and the indexes, each lease once, whatever number of
     * journal records led to it. The map and the indexes are filled side by side by threads of
     * their own (half the cores each, at least one): each thread then runs one simple loop, and
     * with one thread filling the map no two fight over its segment locks.
     */
    private void loadAndIndex(ReplayTable replayed) {
        int sliceSlots = 1 << 14;
        int slices = (replayed.slots() + sliceSlots - 1) / sliceSlots;
        int cores = Runtime.getRuntime().availableProcessors();
        int loaders = Math.max(1, cores / 2);
        int indexers = Math.max(1, cores - loaders);
        CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> inParallel(slices, loaders, (slice, unused) -> {
            int end = Math.min(replayed.slots(), (slice + 1) * sliceSlots);
            for (int slot = slice * sliceSlots; slot < end; slot++) {
                byte[] lease = replayed.leaseAt(slot);
                if (lease != null) {
                    map.put(replayed.addressAt(slot), lease);
                }
            }
            return 0;
        }), runnable -> daemon(runnable, "kakapo-lease-load").start());
        try {
            indexReplayed(replayed, slices, sliceSlots, indexers);
        } catch (RuntimeException e) {
            // The caller closes the map on failure: let the loader finish with it first.
            loading.exceptionally(ignored -> null).join();
            throw e;
        }
        try {
            loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the leases", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading the leases failed: " + e.getCause(), e.getCause());
        }
        replayed.clear();
    }

    private void indexReplayed(ReplayTable replayed, int slices, int sliceSlots, int indexers) {
        inParallel(slices, indexers, (slice, batch) -> {
            long indexed = 0;
            int end = Math.min(replayed.slots(), (slice + 1) * sliceSlots);
            for (int slot = slice * sliceSlots; slot < end; slot++) {
                byte[] lease = replayed.leaseAt(slot);
                if (lease != null) {
                    batch.add(LeaseCodec.decode(Ipv4Address.of(replayed.addressAt(slot)), lease));
                    indexed++;
                }
            }
            return indexed;
        });
    }

    /** A daemon thread, not started: start-up helpers must not keep a failing JVM alive. */
    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private void inParallel(int shares, Share work) {
        inParallel(shares, Runtime.getRuntime().availableProcessors(), work);
    }

    private void inParallel(int shares, int threads, Share work) {
        int workers = Math.max(1, Math.min(threads, shares));
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            long counted = 0;
            LeaseIndexes.Batch batch = indexes.batch();
            for (int share = next.getAndIncrement(); share < shares; share = next.getAndIncrement()) {
                counted += work.run(share, batch);
            }
            batch.flush();
            size.addAndGet(counted);
        };
        if (workers == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> daemon(runnable, "kakapo-lease-index"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                done.add(pool.submit(worker));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing the leases", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("indexing the leases failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A store in memory only, sized for about {@code entries} leases (it may grow to several times that). */
    public static ChronicleLeaseStore inMemory(long entries) {
        return new ChronicleLeaseStore(builder(entries).create(), null, null);
    }

    /**
     * A store persisted to {@code directory} (a snapshot and journals, see {@link LeaseJournal}):
     * created when missing, replayed when present, compacted in the background. Only one process
     * may hold it; a second gets an error naming the directory.
     *
     * @param entries         about how many leases to size the map for, when the snapshot has fewer
     * @param intervalSeconds {@code lfc-interval}: compact at least this often when anything was written; 0 for by size only
     */
    public static ChronicleLeaseStore journaled(Path directory, long entries, long intervalSeconds) {
        return journaled(directory, entries, LeaseCompactor.Policy.of(intervalSeconds));
    }

    static ChronicleLeaseStore journaled(Path directory, long entries, LeaseCompactor.Policy policy) {
        LeaseJournal journal = null;
        ChronicleMap<Integer, byte[]> map = null;
        try {
            long started = System.nanoTime();
            journal = LeaseJournal.lock(directory);
            long expected = journal.snapshotLeaseCount();
            ReplayTable table = new ReplayTable(expected);
            LeaseJournal.Replayed replayed = journal.replay(table);
            long replayMillis = (System.nanoTime() - started) / 1_000_000;
            // Sized for what the replay found: the journals may hold many more leases than the snapshot.
            map = builder(Math.max(entries, table.leases() + table.leases() / 4)).create();
            ChronicleLeaseStore store = new ChronicleLeaseStore(map, journal, table);
            store.compactor = new LeaseCompactor(journal, store.new Compaction(), policy, System::nanoTime);
            store.compactor.start();
            LOG.info("LEASE_STORE_OPENED lease store {} with {} leases in {} ms ({} ms to replay {} leases in the snapshot and "
                            + "{} journal records in {} files{}, the rest to load the map and index them)",
                    directory, store.size(), (System.nanoTime() - started) / 1_000_000, replayMillis, replayed.snapshotLeases(),
                    replayed.journalRecords(), replayed.journals(),
                    replayed.lostBytes() > 0 ? ", " + replayed.lostBytes() + " damaged bytes cut off" : "");
            return store;
        } catch (IOException e) {
            closeAfterFailure(map, journal);
            throw new UncheckedIOException("cannot open lease store " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailure(map, journal);
            throw e;
        }
    }

    private static void closeAfterFailure(ChronicleMap<Integer, byte[]> map, LeaseJournal journal) {
        if (map != null) {
            map.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    static ChronicleMapBuilder<Integer, byte[]> builder(long entries) {
        ChronicleSettings.quiet();
        PrecompiledChronicleState.defineOnce();
        return ChronicleMap.of(Integer.class, byte[].class)
                .name("kakapo-leases4")
                .entries(Math.max(entries, 1024))
                .averageValueSize(48)
                // Room to grow to 20 times the initial size (in slower extra tiers) before a write fails.
                .maxBloatFactor(20);
    }

    private Object stripe(Ipv4Address address) {
        return stripes[(address.bits() * 0x9E3779B9 >>> 22) & (STRIPES - 1)];
    }

    @Override
    public Optional<Lease4> get(Ipv4Address address) {
        byte[] bytes = map.get(address.bits());
        return bytes == null ? Optional.empty() : Optional.of(LeaseCodec.decode(address, bytes));
    }

    // Each write below decides under its address's stripe lock, writes the journal record, and
    // only then changes the map: a write the journal refuses (a full disk) changes nothing.

    @Override
    public boolean insert(Lease4 lease) {
        int key = lease.address().bits();
        synchronized (stripe(lease.address())) {
            if (map.containsKey(key)) {
                return false;
            }
            byte[] bytes = LeaseCodec.encode(lease);
            journalWritten(key, bytes);
            map.put(key, bytes);
            indexes.add(lease);
            size.incrementAndGet();
            return true;
        }
    }

    @Override
    public boolean update(Lease4 expected, Lease4 replacement) {
        if (!expected.address().equals(replacement.address())) {
            throw new IllegalArgumentException("an update keeps the address: " + expected.address() + " vs " + replacement.address());
        }
        int key = expected.address().bits();
        synchronized (stripe(expected.address())) {
            byte[] stored = map.get(key);
            if (stored == null || !Arrays.equals(stored, LeaseCodec.encode(expected))) {
                return false;
            }
            byte[] bytes = LeaseCodec.encode(replacement);
            journalWritten(key, bytes);
            map.replace(key, stored, bytes);
            indexes.remove(expected);
            indexes.add(replacement);
            return true;
        }
    }

    @Override
    public Optional<Lease4> put(Lease4 lease) {
        int key = lease.address().bits();
        synchronized (stripe(lease.address())) {
            byte[] previousBytes = map.get(key);
            byte[] bytes = LeaseCodec.encode(lease);
            journalWritten(key, bytes);
            Lease4 previous = null;
            if (previousBytes != null) {
                map.replace(key, previousBytes, bytes);
                previous = LeaseCodec.decode(lease.address(), previousBytes);
                indexes.remove(previous);
            } else {
                map.put(key, bytes);
                size.incrementAndGet();
            }
            indexes.add(lease);
            return Optional.ofNullable(previous);
        }
    }

    @Override
    public boolean delete(Lease4 expected) {
        int key = expected.address().bits();
        synchronized (stripe(expected.address())) {
            byte[] stored = map.get(key);
            if (stored == null || !Arrays.equals(stored, LeaseCodec.encode(expected))) {
                return false;
            }
            journalRemoved(key);
            map.remove(key, stored);
            indexes.remove(expected);
            size.decrementAndGet();
            return true;
        }
    }

    @Override
    public Optional<Lease4> remove(Ipv4Address address) {
        int key = address.bits();
        synchronized (stripe(address)) {
            byte[] previous = map.get(key);
            if (previous == null) {
                return Optional.empty();
            }
            journalRemoved(key);
            map.remove(key, previous);
            Lease4 lease = LeaseCodec.decode(address, previous);
            indexes.remove(lease);
            size.decrementAndGet();
            return Optional.of(lease);
        }
    }

    private void journalWritten(int key, byte[] bytes) {
        if (journal != null) {
            journal.written(key, bytes);
        }
    }

    private void journalRemoved(int key) {
        if (journal != null) {
            journal.removed(key);
        }
    }

    @Override
    public List<Lease4> findByHwAddress(HardwareAddress hwAddress) {
        return collect(indexes.byHwAddress(hwAddress), lease -> hwAddress.equals(lease.hwAddress()));
    }

    @Override
    public List<Lease4> findByClientId(byte[] clientId) {
        byte[] wanted = clientId.clone();
        return collect(indexes.byClientId(wanted), lease -> lease.hasClientId(wanted));
    }

    @Override
    public List<Lease4> findByHostname(String hostname) {
        String wanted = hostname.toLowerCase(Locale.ROOT);
        return collect(indexes.byHostname(hostname), lease -> lease.hostname().toLowerCase(Locale.ROOT).equals(wanted));
    }

    private List<Lease4> collect(int[] addresses, Predicate<Lease4> matches) {
        List<Lease4> out = new ArrayList<>(addresses.length);
        for (int address : addresses) {
            get(Ipv4Address.of(address)).filter(matches).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Lease4> page(Ipv4Address after, int limit) {
        List<Lease4> out = new ArrayList<>(Math.min(limit, 1024));
        Ipv4Address cursor = after;
        while (out.size() < limit) {
            List<Ipv4Address> candidates = indexes.page(cursor, limit - out.size());
            if (candidates.isEmpty()) {
                break;
            }
            for (Ipv4Address address : candidates) {
                get(address).ifPresent(out::add);
            }
            cursor = candidates.get(candidates.size() - 1);
        }
        return out;
    }

    /** Walks the map's entries directly: no index, no look-up per address. */
    @Override
    public void forEachLease(Consumer<Lease4> action) {
        map.forEach((key, value) -> action.accept(LeaseCodec.decode(Ipv4Address.of(key), value)));
    }

    /** Read off an on-heap bitmap of the assigned and declined addresses: no lease is read. */
    @Override
    public long takenRun(Ipv4Address from, Ipv4Address last) {
        return indexes.takenRun(from, last);
    }

    @Override
    public List<Lease4> expired(long epochSeconds, List<LeaseState> states, int limit) {
        List<Lease4> out = new ArrayList<>();
        for (Ipv4Address address : indexes.expired(epochSeconds, states, limit)) {
            get(address).filter(l -> states.contains(l.state()) && l.expire() <= epochSeconds).ifPresent(out::add);
        }
        out.sort((a, b) -> Long.compare(a.expire(), b.expire()));
        return out;
    }

    @Override
    public long size() {
        return size.get();
    }

    @Override
    public void close() {
        if (compactor != null) {
            compactor.close();
        }
        if (journal != null) {
            journal.close();
        }
        map.close();
    }

    /**
     * Compacts a persisted store's journal at least every {@code intervalSeconds} when anything
     * was written (a new configuration's {@code lfc-interval}; 0 for by size only). Nothing for a
     * store in memory.
     */
    public void compactEvery(long intervalSeconds) {
        if (compactor != null) {
            compactor.policy(LeaseCompactor.Policy.of(intervalSeconds));
        }
    }

    /** Compacts the journal now, on the caller's thread (the compactor does it on its own when due). */
    void compactNow() throws IOException {
        journal.compact(new Compaction());
    }

    /** The journal of a persisted store, null in memory. */
    LeaseJournal journal() {
        return journal;
    }

    /** What the compactor needs: a moment with no write in flight, and every lease. */
    private final class Compaction implements LeaseJournal.Contents {

        @Override
        public void whileNoWriteInFlight(Runnable action) {
            holdStripes(0, action);
        }

        /** Takes every stripe lock, in order, then runs {@code action}: a few microseconds, once per compaction. */
        private void holdStripes(int from, Runnable action) {
            if (from == STRIPES) {
                action.run();
                return;
            }
            synchronized (stripes[from]) {
                holdStripes(from + 1, action);
            }
        }

        /**
         * Copies one map segment at a time into memory under the segment's lock (the bytes as
         * they are, no lease object made), then hands it to the snapshot with no lock held, so a
         * slow disk never holds up a packet thread. Paced: after each segment it rests four
         * times as long as the segment took, so a compaction (never urgent) takes at most about
         * a fifth of a core from the packet threads.
         */
        @Override
        public void copyTo(SnapshotWriter snapshot) throws IOException {
            SegmentCopy copy = new SegmentCopy();
            for (int segment = 0; segment < map.segments(); segment++) {
                long started = System.nanoTime();
                try (MapSegmentContext<Integer, byte[], ?> context = map.segmentContext(segment)) {
                    context.forEachSegmentEntry(entry -> copy.add(entry.key().get(), entry.value()));
                }
                copy.drainTo(snapshot);
                LockSupport.parkNanos(REST_PER_WORK * (System.nanoTime() - started));
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("compaction interrupted: the store is closing");
                }
            }
        }

        @Override
        public long size() {
            return ChronicleLeaseStore.this.size();
        }
    }

    /** One segment's entries as bytes: address, length and lease, one after the other. */
    private static final class SegmentCopy {
        private byte[] bytes = new byte[64 << 10];
        private int used;

        void add(int address, Data<byte[]> lease) {
            int length = (int) lease.size();
            if (used + 8 + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + 8 + length));
            }
            ByteBuffer.wrap(bytes, used, 8).putInt(address).putInt(length);
            lease.bytes().read(lease.offset(), bytes, used + 8, length);
            used += 8 + length;
        }

        void drainTo(SnapshotWriter snapshot) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, used);
            while (in.hasRemaining()) {
                int address = in.getInt();
                int length = in.getInt();
                snapshot.add(address, bytes, in.position(), length);
                in.position(in.position() + length);
            }
            used = 0;
        }
    }

    @Override
    public String toString() {
        return "ChronicleLeaseStore[" + size() + " leases" + (journal == null ? ", in memory" : ", in " + journal.directory()) + "]";
    }
}
