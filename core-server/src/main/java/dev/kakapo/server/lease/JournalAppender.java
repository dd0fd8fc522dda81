package dev.kakapo.server.lease;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends records to one journal file, each with one write(2): when the write returns, the
 * record is in the kernel's page cache and survives the process being killed; nothing waits for
 * the disk (Kea's memfile makes the same trade). A write that fails is cut off the file again, so
 * the records after it follow whole records.
 *
 * <p>A {@link RandomAccessFile}, not a FileChannel: a channel is closed for every thread when one
 * thread writing to it is interrupted, and packet and HA threads do get interrupted at shutdown.
 */
final class JournalAppender implements AutoCloseable {

    private final Path file;
    private final long generation;
    private final RandomAccessFile out;
    private final CRC32C crc = new CRC32C();
    private byte[] record = new byte[512];
    private volatile long length;
    private boolean broken;
    private boolean closed;

    private JournalAppender(Path file, long generation, RandomAccessFile out, long length) {
        this.file = file;
        this.generation = generation;
        this.out = out;
        this.length = length;
    }

    /**
     * Creates {@code file} with a journal header of {@code generation}.
     *
     * @throws IOException when the file exists already: a generation is never written twice, and
     *                     emptying an existing journal would lose its leases
     */
    static JournalAppender create(Path file, long generation) throws IOException {
        if (!file.toFile().createNewFile()) {
            throw new IOException("the lease journal " + file + " exists already");
        }
        RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
        try {
            ByteBuffer header = JournalFormat.header(JournalFormat.KIND_JOURNAL, generation, 0);
            out.write(header.array(), 0, header.remaining());
            return new JournalAppender(file, generation, out, JournalFormat.HEADER_BYTES);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    long generation() {
        return generation;
    }

    /** The file's length: header and whole records. */
    long length() {
        return length;
    }

    /** Whether a failed write could not be cut off again; nothing more may be appended here. */
    synchronized boolean broken() {
        return broken;
    }

    /** Appends a lease ({@code lease} not null) or the removal of an address's lease. */
    synchronized void append(byte type, int address, byte[] lease) throws IOException {
        if (closed) {
            throw new IOException("the lease journal " + file + " is closed");
        }
        if (broken) {
            throw new IOException("the lease journal " + file + " has a write that could not be undone; "
                    + "no lease is written until the journal is compacted into a new file");
        }
        int bytes = JournalFormat.recordBytes(lease);
        if (record.length < bytes) {
            record = new byte[Math.max(bytes, record.length * 2)];
        }
        JournalFormat.writeRecord(record, 0, type, address, lease, crc);
        long start = length;
        try {
            out.write(record, 0, bytes);
            length = start + bytes;
        } catch (IOException e) {
            cutBackTo(start, e);
            throw e;
        }
    }

    private void cutBackTo(long start, IOException failure) {
        try {
            out.setLength(start);
            out.seek(start);
        } catch (IOException e) {
            broken = true;
            failure.addSuppressed(e);
        }
    }

    /** Closes the file; {@code sync} waits until its bytes are on the disk. */
    synchronized void close(boolean sync) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sync) {
                out.getFD().sync();
            }
        } finally {
            out.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }
}
