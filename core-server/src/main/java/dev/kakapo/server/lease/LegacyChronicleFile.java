package dev.kakapo.server.lease;

import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the lease file of Kakapo before the journal: a Chronicle Map persisted to
 * {@code <name>.chronicle}, memory-mapped, with {@code .lock} and {@code .clean} beside it. Read
 * once, to move its leases into a journaled store (Chronicle's recovery repairs it first when its
 * last holder died); no lease is written to it again.
 */
final class LegacyChronicleFile {

    /** The old file's suffix after {@code lease-database.name}. */
    static final String SUFFIX = ".chronicle";

    private static final Logger LOG = LoggerFactory.getLogger(LegacyChronicleFile.class);

    private LegacyChronicleFile() {
    }

    /** The old file for a {@code lease-database.name}. */
    static Path of(Path name) {
        return Path.of(name + SUFFIX);
    }

    /**
     * Adds every lease of {@code file} to {@code snapshot}. A file whose last holder died (no
     * {@code .clean} marker) goes through Chronicle's recovery first.
     *
     * @throws IllegalStateException when a process still holds the file
     */
    static void copy(Path file, SnapshotWriter snapshot) throws IOException {
        try (FileChannel lockChannel = FileChannel.open(Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("lease store " + file + " is in use by another process");
            }
            boolean clean = Files.exists(Path.of(file + ".clean"));
            ChronicleMap<Integer, byte[]> map = clean
                    ? ChronicleLeaseStore.builder(1024).createPersistedTo(file.toFile())
                    : ChronicleLeaseStore.builder(1024).createOrRecoverPersistedTo(file.toFile(), true,
                            corruption -> LOG.warn("LEASE_STORE_RECOVERY {} : {}", file, corruption.message()));
            try {
                IOException[] failure = {null};
                map.forEach((address, lease) -> {
                    if (failure[0] == null) {
                        try {
                            snapshot.add(address, lease);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
            } finally {
                map.close();
                lock.release();
            }
        }
    }
}
