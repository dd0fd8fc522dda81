package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Leases off the heap in a Chronicle Map keyed by address. Persisted to a memory-mapped file,
 * every write is in the file the moment it returns, so a killed process loses no lease it
 * acknowledged; the file is recovered on open. Writes to one address are serialised by a lock
 * stripe, which also keeps the on-heap indexes in step with the map.
 */
public final class ChronicleLeaseStore implements LeaseStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleLeaseStore.class);
    private static final int STRIPES = 1024;

    private final ChronicleMap<Integer, byte[]> map;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path cleanMarker;
    private final LeaseIndexes indexes;
    private final Object[] stripes = new Object[STRIPES];
    private final AtomicLong size = new AtomicLong();

    private ChronicleLeaseStore(ChronicleMap<Integer, byte[]> map, FileChannel lockChannel, FileLock lock, Path cleanMarker) {
        this.map = map;
        this.cleanMarker = cleanMarker;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.indexes = new LeaseIndexes(map.longSize());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        indexEveryLease();
    }

    /**
     * Rebuilds the on-heap indexes from the map, its segments shared out among the cores: with a
     * million leases this is most of the time before the first answer. The indexes take adds of
     * different addresses from several threads, as they do from the packet handlers.
     */
    private void indexEveryLease() {
        int segments = map.segments();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), segments));
        AtomicInteger nextSegment = new AtomicInteger();
        Runnable worker = () -> {
            long counted = 0;
            LeaseIndexes.Batch batch = indexes.batch();
            for (int segment = nextSegment.getAndIncrement(); segment < segments; segment = nextSegment.getAndIncrement()) {
                long[] inSegment = {0};
                try (MapSegmentContext<Integer, byte[], ?> context = map.segmentContext(segment)) {
                    context.forEachSegmentEntry(entry -> {
                        batch.add(LeaseCodec.decode(Ipv4Address.of(entry.key().get()), entry.value().get()));
                        inSegment[0]++;
                    });
                }
                counted += inSegment[0];
            }
            batch.flush();
            size.addAndGet(counted);
        };
        if (workers == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "kakapo-lease-index");
            thread.setDaemon(true);
            return thread;
        });
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
        return new ChronicleLeaseStore(builder(entries).create(), null, null, null);
    }

    /**
     * A store persisted to {@code file}: created when missing, recovered after a crash when
     * present. Only one process may hold it; a second gets an error naming the file.
     */
    public static ChronicleLeaseStore persisted(Path file, long entries) {
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("lease store " + file + " is in use by another process");
            }
            boolean existed = Files.exists(file);
            // Written by close(): its absence on an existing file means the last holder died, and
            // Chronicle's recovery must check the file before use.
            Path cleanMarker = Path.of(file + ".clean");
            boolean clean = Files.deleteIfExists(cleanMarker);
            long started = System.nanoTime();
            ChronicleMap<Integer, byte[]> map;
            if (existed && !clean) {
                LOG.warn("LEASE_STORE_RECOVERING {} was not closed cleanly; checking it before use", file);
                map = builder(entries).createOrRecoverPersistedTo(file.toFile(), true,
                        corruption -> LOG.warn("LEASE_STORE_RECOVERY {} : {}", file, corruption.message()));
            } else {
                map = builder(entries).createPersistedTo(file.toFile());
            }
            ChronicleLeaseStore store = new ChronicleLeaseStore(map, channel, lock, cleanMarker);
            LOG.info("LEASE_STORE_OPENED {} lease store {} with {} leases in {} ms",
                    !existed ? "created" : clean ? "opened" : "recovered", file, store.size(), (System.nanoTime() - started) / 1_000_000);
            return store;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open lease store " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static ChronicleMapBuilder<Integer, byte[]> builder(long entries) {
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

    @Override
    public boolean insert(Lease4 lease) {
        synchronized (stripe(lease.address())) {
            if (map.putIfAbsent(lease.address().bits(), LeaseCodec.encode(lease)) != null) {
                return false;
            }
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
        synchronized (stripe(expected.address())) {
            if (!map.replace(expected.address().bits(), LeaseCodec.encode(expected), LeaseCodec.encode(replacement))) {
                return false;
            }
            indexes.remove(expected);
            indexes.add(replacement);
            return true;
        }
    }

    @Override
    public Optional<Lease4> put(Lease4 lease) {
        synchronized (stripe(lease.address())) {
            byte[] previousBytes = map.put(lease.address().bits(), LeaseCodec.encode(lease));
            Lease4 previous = null;
            if (previousBytes != null) {
                previous = LeaseCodec.decode(lease.address(), previousBytes);
                indexes.remove(previous);
            } else {
                size.incrementAndGet();
            }
            indexes.add(lease);
            return Optional.ofNullable(previous);
        }
    }

    @Override
    public boolean delete(Lease4 expected) {
        synchronized (stripe(expected.address())) {
            if (!map.remove(expected.address().bits(), LeaseCodec.encode(expected))) {
                return false;
            }
            indexes.remove(expected);
            size.decrementAndGet();
            return true;
        }
    }

    @Override
    public Optional<Lease4> remove(Ipv4Address address) {
        synchronized (stripe(address)) {
            byte[] previous = map.remove(address.bits());
            if (previous == null) {
                return Optional.empty();
            }
            Lease4 lease = LeaseCodec.decode(address, previous);
            indexes.remove(lease);
            size.decrementAndGet();
            return Optional.of(lease);
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
        map.close();
        if (cleanMarker != null) {
            try {
                Files.createFile(cleanMarker);
            } catch (IOException e) {
                LOG.warn("LEASE_STORE_CLOSE_MARK_FAILED {}: the next start will check the file", e.toString());
            }
        }
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("LEASE_STORE_UNLOCK_FAILED {}", e.toString());
            }
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public String toString() {
        return "ChronicleLeaseStore[" + size() + " leases" + (lock == null ? ", in memory" : "") + "]";
    }
}
