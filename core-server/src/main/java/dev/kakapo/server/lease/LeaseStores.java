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

/**
 * Opens the lease store a {@code lease-database} section describes. With {@code persist} the
 * leases live in {@code <name>.chronicle}; when that file does not exist yet and {@code name} is a
 * Kea memfile, its leases are imported first and the Kea file is left as it was.
 */
public final class LeaseStores {

    /** Where Debian's Kea keeps its DHCPv4 leases: the default name, so a Kea host's leases come along. */
    public static final String DEFAULT_NAME = "/var/lib/kea/kea-leases4.csv";
    /** Appended to {@code lease-database.name} for the Chronicle file. */
    public static final String SUFFIX = ".chronicle";

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
        // large spreads each write over a file of gigabytes. It grows when it must.
        long entries = Math.min(Math.max(capacity + capacity / 4, 10_000), MAX_INITIAL_ENTRIES);
        if (!database.persist()) {
            return ChronicleLeaseStore.inMemory(entries);
        }
        Path name = Path.of(database.name() == null ? DEFAULT_NAME : database.name());
        Path store = storeFile(name);
        if (!Files.exists(store) && KeaLeaseFile.isKeaLeaseFile(name)) {
            importKeaFile(name, store, entries, database.maxRowErrors());
        }
        return ChronicleLeaseStore.persisted(store, entries);
    }

    /** The Chronicle file for a {@code lease-database.name}. */
    public static Path storeFile(Path name) {
        return Path.of(name + SUFFIX);
    }

    /** Reads the Kea file into a new store beside it, made visible by a rename only once complete. */
    private static void importKeaFile(Path keaFile, Path store, long entries, long maxRowErrors) {
        Path partial = Path.of(store + ".importing");
        try {
            KeaLeaseFile.Contents contents = KeaLeaseFile.read(keaFile, maxRowErrors);
            Files.deleteIfExists(partial);
            try (ChronicleLeaseStore target = ChronicleLeaseStore.persisted(partial,
                    Math.max(entries, contents.leases().size() + contents.leases().size() / 4))) {
                for (Lease4 lease : contents.leases()) {
                    target.put(lease);
                }
            }
            Files.move(partial, store, StandardCopyOption.ATOMIC_MOVE);
            Files.move(Path.of(partial + ".clean"), Path.of(store + ".clean"), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(Path.of(partial + ".lock"));
            LOG.info("LEASE_STORE_IMPORTED {} leases from the Kea lease file {} ({} rows, {} skipped); the Kea file is unchanged",
                    contents.leases().size(), contents.files(), contents.rows(), contents.badRows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the Kea lease file " + keaFile + ": " + e.getMessage(), e);
        }
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
