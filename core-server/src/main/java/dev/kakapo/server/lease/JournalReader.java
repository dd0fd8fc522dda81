package dev.kakapo.server.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a journal or snapshot file record by record, in a stream (a file may be far larger than
 * the heap wants to hold). Reading stops at the first record that is torn or damaged; the result
 * says where, so the caller can cut the file there and say what was lost.
 */
final class JournalReader {

    /** What the records say, in file order. */
    interface Records {
        /**
         * {@code address} has this lease (in {@link LeaseCodec}'s bytes, {@code length} of them at
         * {@code offset} of {@code source}), whatever it had before. {@code source} is reused
         * after the call: copy what must be kept.
         */
        void put(int address, byte[] source, int offset, int length);

        /** {@code address} has no lease. */
        void remove(int address);
    }

    /**
     * What a read found.
     *
     * @param kind        {@link JournalFormat#KIND_JOURNAL} or {@link JournalFormat#KIND_SNAPSHOT}
     * @param generation  the header's generation
     * @param leaseCount  the header's lease count (a snapshot's size when it began; 0 in a journal)
     * @param records     the lease records read (an end record not counted)
     * @param goodBytes   the length of the file's readable part, header included
     * @param fileBytes   the file's length
     * @param endCount    the count an end record carried, or -1 when there was none
     * @param damage      why reading stopped before the file's end, or null when it did not
     */
    record Result(byte kind, long generation, long leaseCount, long records, long goodBytes, long fileBytes,
                  long endCount, String damage) {

        boolean damaged() {
            return damage != null;
        }

        /**
         * Whether the damage is a last record cut short by the file's end: what a process killed
         * in the middle of a write leaves. Any other damage (a bad checksum, an impossible length)
         * is not a crash's doing.
         */
        boolean tornTail() {
            return damage != null && (damage.startsWith(CUT_SHORT) || damage.equals(NO_HEADER));
        }
    }

    private static final int BUFFER_BYTES = 1 << 20;
    private static final String CUT_SHORT = "a record cut short";
    private static final String NO_HEADER = "no complete header";

    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private boolean endOfFile;

    private JournalReader(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads {@code file} into {@code into}.
     *
     * @throws IOException when the file cannot be read or is not a lease journal of this version
     */
    static Result read(Path file, Records into) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new JournalReader(channel).readAll(file, channel.size(), into);
        }
    }

    private Result readAll(Path file, long fileBytes, Records into) throws IOException {
        if (!ensure(JournalFormat.HEADER_BYTES)) {
            // Created but its header never written in full: nothing was ever appended to it.
            return new Result(JournalFormat.KIND_JOURNAL, -1, 0, 0, 0, fileBytes, -1, NO_HEADER);
        }
        if (buffer.getInt() != JournalFormat.MAGIC) {
            throw new IOException(file + " is not a Kakapo lease journal (its first bytes are not KKLJ)");
        }
        byte version = buffer.get();
        if (version != JournalFormat.VERSION) {
            throw new IOException(file + " is a lease journal of version " + version + "; this server reads version " + JournalFormat.VERSION);
        }
        byte kind = buffer.get();
        buffer.getShort();
        long generation = buffer.getLong();
        long leaseCount = buffer.getLong();

        CRC32C crc = new CRC32C();
        long offset = JournalFormat.HEADER_BYTES;
        long records = 0;
        long endCount = -1;
        String damage = null;
        while (true) {
            if (!ensure(JournalFormat.FRAME_BYTES)) {
                if (buffer.hasRemaining()) {
                    damage = CUT_SHORT + " at byte " + offset;
                }
                break;
            }
            int start = buffer.position();
            int body = buffer.getInt(start);
            int expectedCrc = buffer.getInt(start + 4);
            if (body < JournalFormat.MIN_BODY_BYTES || body > JournalFormat.MAX_BODY_BYTES) {
                damage = "an impossible record length " + body + " at byte " + offset;
                break;
            }
            if (!ensure(JournalFormat.FRAME_BYTES + body)) {
                damage = CUT_SHORT + " at byte " + offset;
                break;
            }
            start = buffer.position();
            crc.reset();
            crc.update(buffer.array(), start + JournalFormat.FRAME_BYTES, body);
            if ((int) crc.getValue() != expectedCrc) {
                damage = "a checksum mismatch at byte " + offset;
                break;
            }
            byte type = buffer.get(start + JournalFormat.FRAME_BYTES);
            int address = buffer.getInt(start + JournalFormat.FRAME_BYTES + 1);
            int leaseStart = start + JournalFormat.FRAME_BYTES + JournalFormat.MIN_BODY_BYTES;
            int leaseBytes = body - JournalFormat.MIN_BODY_BYTES;
            if (type == JournalFormat.PUT) {
                into.put(address, buffer.array(), leaseStart, leaseBytes);
                records++;
            } else if (type == JournalFormat.REMOVE) {
                into.remove(address);
                records++;
            } else if (type == JournalFormat.END && leaseBytes == 8) {
                endCount = buffer.getLong(leaseStart);
            } else {
                damage = "an unknown record type " + type + " at byte " + offset;
                break;
            }
            buffer.position(start + JournalFormat.FRAME_BYTES + body);
            offset += JournalFormat.FRAME_BYTES + body;
            if (endCount >= 0) {
                if (offset != fileBytes) {
                    damage = "bytes after the end record at byte " + offset;
                }
                break;
            }
        }
        return new Result(kind, generation, leaseCount, records, offset, fileBytes, endCount, damage);
    }

    /** Makes at least {@code bytes} readable in the buffer; false when the file ends first. */
    private boolean ensure(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes + BUFFER_BYTES).put(buffer).flip();
        }
        buffer.compact();
        try {
            while (buffer.position() < bytes && !endOfFile) {
                if (channel.read(buffer) < 0) {
                    endOfFile = true;
                }
            }
        } finally {
            buffer.flip();
        }
        return buffer.remaining() >= bytes;
    }

    /** Reads {@code file} and counts its records, keeping nothing (what a check of a file needs). */
    static Result scan(Path file) throws IOException {
        return read(file, new Records() {
            @Override
            public void put(int address, byte[] source, int offset, int length) {
            }

            @Override
            public void remove(int address) {
            }
        });
    }
}
