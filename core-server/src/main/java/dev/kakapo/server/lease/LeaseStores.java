package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.server.config.LeaseDatabaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Opens the lease store a {@code lease-database} section describes. With {@code persist} the
 * leases live in the directory {@code <name>.kakapo} (a snapshot and journals, see
 * {@link LeaseJournal}). When that directory does not exist yet it is made from what is there:
 * the {@code <name>.chronicle} file of an earlier Kakapo, or else, when {@code name} is a Kea
 * memfile, Kea's leases; either source is left as it was.
 */
public final class LeaseStores {

    /** Where Debian's Kea keeps its DHCPv4 leases: the default name, so a Kea host's leases come along. */
    public static final String DEFAULT_NAME = "/var/lib/kea/kea-leases4.csv";
    /** Appended to {@code lease-database.name} for the store's directory. */
    public static final String SUFFIX = ".kakapo";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseStores.class);

    private LeaseStores() {
    }

    /** The most entries a new store is sized for up front; it grows past that (see {@link ChronicleLeaseStore}). */
    static final long MAX_INITIAL_ENTRIES = 2_000_000;

    /**
     * Opens the store.
     *
     * @param database the configuration's {@code lease-database}
     * @param capacity about how many leases the configuration's pools hold, to size a new store
     */
    public static ChronicleLeaseStore open(LeaseDatabaseConfig database, long capacity) {
        // Sized for the pools, but not for a /8's sixteen million addresses up front: a map that
        // large takes memory for nothing. It grows when it must.
        long entries = Math.min(Math.max(capacity + capacity / 4, 10_000), MAX_INITIAL_ENTRIES);
        if (!database.persist()) {
            return ChronicleLeaseStore.inMemory(entries);
        }
        Path name = Path.of(database.name() == null ? DEFAULT_NAME : database.name());
        Path directory = storeDirectory(name);
        if (!Files.exists(directory)) {
            Path legacy = LegacyChronicleFile.of(name);
            if (Files.exists(legacy)) {
                create(directory, 0, snapshot -> LegacyChronicleFile.copy(legacy, snapshot),
                        leases -> LOG.info("LEASE_STORE_MIGRATED {} leases from {} into {}; the old file is no longer used "
                                + "and may be deleted", leases, legacy, directory));
            } else if (KeaLeaseFile.isKeaLeaseFile(name)) {
                importKeaFile(name, directory, database.maxRowErrors());
            }
        }
        return ChronicleLeaseStore.journaled(directory, entries, database.lfcInterval());
    }

    /** The store's directory for a {@code lease-database.name}. */
    public static Path storeDirectory(Path name) {
        return Path.of(name + SUFFIX);
    }

    private interface Source {
        void copyTo(SnapshotWriter snapshot) throws IOException;
    }

    /**
     * Makes a new store directory holding one snapshot of {@code source}'s leases, built under a
     * temporary name and renamed only once complete and on the disk.
     */
    private static void create(Path directory, long leaseCount, Source source, LongConsumer done) {
        Path partial = Path.of(directory + ".importing");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            long leases;
            try (SnapshotWriter snapshot = SnapshotWriter.create(partial.resolve(LeaseJournal.PARTIAL_SNAPSHOT), 1, leaseCount)) {
                source.copyTo(snapshot);
                snapshot.finish(partial.resolve(LeaseJournal.SNAPSHOT));
                leases = snapshot.leases();
            }
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            SnapshotWriter.syncDirectory(directory.toAbsolutePath().getParent());
            done.accept(leases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lease store " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Reads the Kea file into a new store beside it. */
    private static void importKeaFile(Path keaFile, Path directory, long maxRowErrors) {
        KeaLeaseFile.Contents contents;
        try {
            contents = KeaLeaseFile.read(keaFile, maxRowErrors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the Kea lease file " + keaFile + ": " + e.getMessage(), e);
        }
        create(directory, contents.leases().size(), snapshot -> {
            for (Lease4 lease : contents.leases()) {
                snapshot.add(lease.address().bits(), LeaseCodec.encode(lease));
            }
        }, leases -> LOG.info("LEASE_STORE_IMPORTED {} leases from the Kea lease file {} ({} rows, {} skipped); the Kea file is unchanged",
                leases, contents.files(), contents.rows(), contents.badRows()));
    }
    /**
     * Starts Chronicle Map's one-time set-up on a background thread: the first map a JVM opens
     * makes Chronicle compile a class at run time (about 1.5 s on a small machine). Started
     * before the configuration is read, it overlaps that work instead of adding to the time
     * before the first answer. A failure here is left to the real open to report.
     */
    public static void prepareInBackground() {
        Thread setUp = new Thread(() -> {
            try (ChronicleLeaseStore warm = ChronicleLeaseStore.inMemory(16)) {
                warm.size();
            } catch (RuntimeException | LinkageError e) {
                // opening the real store reports what is wrong
            }
        }, "kakapo-chronicle-setup");
        setUp.setDaemon(true);
        setUp.start();
    }
}
