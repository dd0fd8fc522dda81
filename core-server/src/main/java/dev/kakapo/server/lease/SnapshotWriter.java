package dev.kakapo.server.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot: every lease of the store under a temporary name, closed by an end record
 * that counts them, synced to the disk and only then renamed over the old snapshot. A crash at
 * any point leaves either the old snapshot or the new one, never a part of one.
 */
final class SnapshotWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final Path partial;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int buffered;
    private long leases;
    private long written;
    private boolean finished;

    private SnapshotWriter(Path partial, FileChannel channel) {
        this.partial = partial;
        this.channel = channel;
    }

    /**
     * Starts a snapshot in {@code partial}.
     *
     * @param generation the first journal generation whose records come after this snapshot
     * @param leaseCount about how many leases it will hold; {@link #finish} writes the true count
     */
    static SnapshotWriter create(Path partial, long generation, long leaseCount) throws IOException {
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        SnapshotWriter writer = new SnapshotWriter(partial, channel);
        ByteBuffer header = JournalFormat.header(JournalFormat.KIND_SNAPSHOT, generation, leaseCount);
        System.arraycopy(header.array(), 0, writer.buffer, 0, header.remaining());
        writer.buffered = header.remaining();
        return writer;
    }

    /** Adds the lease of {@code address}, in {@link LeaseCodec}'s bytes. */
    void add(int address, byte[] lease) throws IOException {
        add(address, lease, 0, lease.length);
    }

    /** Adds the lease of {@code address}: {@code length} bytes at {@code from} of {@code source}. */
    void add(int address, byte[] source, int from, int length) throws IOException {
        int bytes = JournalFormat.FRAME_BYTES + JournalFormat.MIN_BODY_BYTES + length;
        makeRoom(bytes);
        buffered = JournalFormat.writeRecord(buffer, buffered, JournalFormat.PUT, address, source, from, length, crc);
        leases++;
    }

    long leases() {
        return leases;
    }

    /** The bytes written so far, header included. */
    long bytes() {
        return written + buffered;
    }

    /** Ends the snapshot, puts it on the disk and renames it to {@code target}. */
    void finish(Path target) throws IOException {
        record(JournalFormat.END, 0, JournalFormat.count(leases));
        flush();
        // The header's count sizes the map of whoever reads the snapshot: make it exact.
        ByteBuffer count = ByteBuffer.wrap(JournalFormat.count(leases));
        while (count.hasRemaining()) {
            channel.write(count, JournalFormat.HEADER_BYTES - 8 + count.position());
        }
        channel.force(true);
        channel.close();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
        finished = true;
    }

    private void record(byte type, int address, byte[] lease) throws IOException {
        makeRoom(JournalFormat.recordBytes(lease));
        buffered = JournalFormat.writeRecord(buffer, buffered, type, address, lease, crc);
    }

    private void makeRoom(int bytes) throws IOException {
        if (buffered + bytes > buffer.length) {
            flush();
            if (bytes > buffer.length) {
                buffer = new byte[bytes];
            }
        }
    }

    private void flush() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        written += buffered;
        buffered = 0;
    }

    /** Makes a rename or a deletion in {@code directory} durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Abandons an unfinished snapshot: the partial file is removed. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
