package dev.kakapo.server.lease;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The persisted half of a lease store: a directory with a snapshot of every lease and the
 * journals written after it. Each write of the store appends one record to the current journal
 * before the store's map changes; at start-up the snapshot and then the journals, oldest first,
 * are replayed into the map.
 *
 * <p>Compaction rolls over to a new journal while no write is between its record and its map
 * change, then writes a snapshot of the map as it is while writes go on. The snapshot may hold a
 * lease older or newer than the moment of the roll-over; the new journal has a record for every
 * write since, and a record is an address's whole state, so snapshot plus new journal replay to
 * exactly the store. The old journals are deleted only once the new snapshot is on the disk.
 *
 * <p>Files: {@code snapshot}, {@code journal.<generation>} (a snapshot names the first generation
 * that follows it), {@code snapshot.partial} while one is written, and {@code lock}, held by the
 * one process that owns the directory.
 */
final class LeaseJournal implements AutoCloseable {

    /** What compaction needs from the store whose writes this journal records. */
    interface Contents {
        /** Runs {@code action} while no write of the store is between its journal record and its map change. */
        void whileNoWriteInFlight(Runnable action);

        /** Adds every lease of the store to {@code snapshot}. */
        void copyTo(SnapshotWriter snapshot) throws IOException;

        /** About how many leases the store holds. */
        long size();
    }

    /**
     * What start-up found.
     *
     * @param snapshotLeases  the leases of the snapshot (0 without one)
     * @param journalRecords  the records of the journals replayed after it
     * @param journals        how many journal files were replayed
     * @param lostBytes       bytes cut off damaged journal ends (a record torn by a crash)
     */
    record Replayed(long snapshotLeases, long journalRecords, int journals, long lostBytes) {
    }

    static final String SNAPSHOT = "snapshot";
    static final String PARTIAL_SNAPSHOT = "snapshot.partial";
    static final String JOURNAL_PREFIX = "journal.";
    static final String LOCK = "lock";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Changed only while no write is in flight (see {@link Contents#whileNoWriteInFlight}). */
    private volatile JournalAppender current;
    private volatile long snapshotBytes;
    /** Bytes of the journals after the snapshot other than the current one. */
    private volatile long olderJournalBytes;
    private boolean closed;

    private LeaseJournal(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the directory (creating it when missing) for this process.
     *
     * @throws IllegalStateException when another process holds it
     */
    static LeaseJournal lock(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("lease store " + directory + " is in use by another process");
        }
        return new LeaseJournal(directory, channel, lock);
    }

    Path directory() {
        return directory;
    }

    /** The lease count the snapshot's header gives (the store's size when it was begun), 0 without one. */
    long snapshotLeaseCount() throws IOException {
        Path snapshot = directory.resolve(SNAPSHOT);
        if (!Files.exists(snapshot)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(snapshot, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header
            }
            return header.hasRemaining() ? 0 : Math.max(0, header.getLong(JournalFormat.HEADER_BYTES - 8));
        }
    }

    /**
     * Replays the snapshot and the journals after it into {@code into}, cuts a journal's damaged
     * end off (a crash can tear the last record), removes what an interrupted compaction left,
     * and starts a new journal for the writes to come.
     *
     * @throws IOException when a file cannot be read, or the snapshot is damaged (it is synced
     *                     before it is used, so damage there is not a crash's doing)
     */
    Replayed replay(JournalReader.Records into) throws IOException {
        Files.deleteIfExists(directory.resolve(PARTIAL_SNAPSHOT));
        long base = 0;
        long snapshotLeases = 0;
        Path snapshot = directory.resolve(SNAPSHOT);
        if (Files.exists(snapshot)) {
            JournalReader.Result read = JournalReader.read(snapshot, into);
            if (read.kind() != JournalFormat.KIND_SNAPSHOT || read.damaged() || read.endCount() != read.records()) {
                throw new IOException("the lease snapshot " + snapshot + " is damaged ("
                        + (read.damaged() ? read.damage() : read.endCount() < 0 ? "it has no end record" : "its end record counts "
                        + read.endCount() + " leases, it holds " + read.records()) + "); the server does not start on part of its "
                        + "leases: restore the directory from a backup, or remove it to start with no leases");
            }
            base = read.generation();
            snapshotLeases = read.records();
            snapshotBytes = read.fileBytes();
        }
        long records = 0;
        long lost = 0;
        long journalBytes = 0;
        int replayed = 0;
        long last = base - 1;
        for (Journal journal : journals()) {
            if (journal.generation() < base) {
                // Compacted into the snapshot; a crash came before it was deleted.
                Files.delete(journal.file());
                continue;
            }
            JournalReader.Result read = JournalReader.read(journal.file(), into);
            last = journal.generation();
            if (read.records() == 0 && !read.damaged()) {
                // Opened and closed with nothing written: restarts would pile these up.
                Files.delete(journal.file());
                continue;
            }
            records += read.records();
            replayed++;
            if (read.damaged()) {
                long cut = read.fileBytes() - read.goodBytes();
                lost += cut;
                if (read.tornTail()) {
                    LOG.warn("LEASE_JOURNAL_DAMAGED {}: {}; the {} bytes from there on are cut off (a process killed in the middle "
                            + "of a write leaves this; the lease it was writing had not been acknowledged)", journal.file(), read.damage(), cut);
                } else {
                    Path kept = keepDamagedPart(journal.file(), read.goodBytes());
                    LOG.error("LEASE_JOURNAL_DAMAGED {}: {}; not a crash's doing (the disk or the file was damaged): the {} bytes from "
                            + "there on are cut off, and leases written in them may be lost; they are kept in {}",
                            journal.file(), read.damage(), cut, kept);
                }
                if (read.goodBytes() == 0) {
                    Files.delete(journal.file());
                    continue;
                }
                try (FileChannel channel = FileChannel.open(journal.file(), StandardOpenOption.WRITE)) {
                    channel.truncate(read.goodBytes());
                }
            }
            journalBytes += read.goodBytes() - JournalFormat.HEADER_BYTES;
        }
        olderJournalBytes = journalBytes;
        long next = Math.max(Math.max(base, last + 1), 1);
        current = JournalAppender.create(journalFile(next), next);
        return new Replayed(snapshotLeases, records, replayed, lost);
    }

    /** Copies a journal's unreadable part to {@code damaged-<name>} beside it, for whoever looks into it. */
    private static Path keepDamagedPart(Path journal, long from) throws IOException {
        Path kept = journal.resolveSibling("damaged-" + journal.getFileName());
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(kept, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long position = from; position < size; ) {
                position += in.transferTo(position, size - position, out);
            }
        }
        return kept;
    }

    /** Records the lease of {@code address} (its whole state, in {@link LeaseCodec}'s bytes). */
    void written(int address, byte[] lease) {
        append(JournalFormat.PUT, address, lease);
    }

    /** Records that {@code address} has no lease any more. */
    void removed(int address) {
        append(JournalFormat.REMOVE, address, null);
    }

    private void append(byte type, int address, byte[] lease) {
        JournalAppender journal = current;
        try {
            journal.append(type, address, lease);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lease journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    /** The journal the next record goes to. */
    JournalAppender current() {
        return current;
    }

    /** Journal bytes written since the snapshot, headers not counted. */
    long journalBytes() {
        return olderJournalBytes + current.length() - JournalFormat.HEADER_BYTES;
    }

    long snapshotBytes() {
        return snapshotBytes;
    }

    /** Whether a failed write left the current journal unusable until the next compaction. */
    boolean broken() {
        return current.broken();
    }

    /**
     * Writes a new snapshot of {@code contents} and deletes the journals it makes redundant.
     * On failure the old snapshot and every journal after it are still there and still replay to
     * the store, so nothing is lost; the exception says what went wrong.
     */
    synchronized void compact(Contents contents) throws IOException {
        JournalAppender previous = current;
        long next = previous.generation() + 1;
        JournalAppender fresh = JournalAppender.create(journalFile(next), next);
        contents.whileNoWriteInFlight(() -> current = fresh);
        olderJournalBytes += previous.length() - JournalFormat.HEADER_BYTES;
        previous.close(false);
        long started = System.nanoTime();
        try (SnapshotWriter snapshot = SnapshotWriter.create(directory.resolve(PARTIAL_SNAPSHOT), next, contents.size())) {
            contents.copyTo(snapshot);
            snapshot.finish(directory.resolve(SNAPSHOT));
            snapshotBytes = snapshot.bytes();
            long compacted = olderJournalBytes;
            olderJournalBytes = 0;
            for (Journal journal : journals()) {
                if (journal.generation() < next) {
                    Files.delete(journal.file());
                }
            }
            LOG.info("LEASE_STORE_COMPACTED {} leases in a snapshot of {} bytes in {} ms; {} bytes of journal removed",
                    snapshot.leases(), snapshotBytes, (System.nanoTime() - started) / 1_000_000, compacted);
        }
    }

    /** Closes the current journal, synced to the disk, and gives the directory up. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                current.close(true);
            }
        } catch (IOException e) {
            LOG.warn("LEASE_JOURNAL_CLOSE_FAILED {}: {}", current.file(), e.toString());
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("LEASE_STORE_UNLOCK_FAILED {}", e.toString());
            }
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private Path journalFile(long generation) {
        return directory.resolve(JOURNAL_PREFIX + String.format(Locale.ROOT, "%012d", generation));
    }

    private record Journal(long generation, Path file) {
    }

    /** The journal files, oldest first; other names are left alone. */
    private List<Journal> journals() throws IOException {
        List<Journal> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(JOURNAL_PREFIX)) {
                    try {
                        found.add(new Journal(Long.parseLong(name.substring(JOURNAL_PREFIX.length())), file));
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.generation(), b.generation()));
        return found;
    }
}
