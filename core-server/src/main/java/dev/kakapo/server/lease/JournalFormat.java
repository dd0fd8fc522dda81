package dev.kakapo.server.lease;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The bytes of the lease journal and its snapshots. A file starts with a header (magic, kind,
 * generation, lease count); then records, each {@code length, crc32c, type, address, lease}:
 * {@code length} counts the bytes after the checksum, the checksum covers them. A record is the
 * whole state of one address (a lease in {@link LeaseCodec}'s bytes, or its removal), so replaying
 * records in order leaves each address as its last record says, whatever came before. A torn or
 * damaged record fails its length or checksum check and ends the file's readable part.
 */
final class JournalFormat {

    /** "KKLJ": Kakapo lease journal. */
    static final int MAGIC = 0x4B4B4C4A;
    static final byte VERSION = 1;
    static final byte KIND_JOURNAL = 1;
    static final byte KIND_SNAPSHOT = 2;
    /** magic, version, kind, two spare bytes, generation, lease count. */
    static final int HEADER_BYTES = 4 + 1 + 1 + 2 + 8 + 8;

    static final byte PUT = 1;
    static final byte REMOVE = 2;
    /** Closes a snapshot; its lease carries the number of leases written. */
    static final byte END = 3;

    /** length and checksum. */
    static final int FRAME_BYTES = 8;
    /** type and address, the least a record holds after its frame. */
    static final int MIN_BODY_BYTES = 1 + 4;
    /** Far above any real lease (user contexts included): a larger length means damage, not a lease. */
    static final int MAX_BODY_BYTES = 16 << 20;

    private JournalFormat() {
    }

    static ByteBuffer header(byte kind, long generation, long leaseCount) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).put(VERSION).put(kind).putShort((short) 0).putLong(generation).putLong(leaseCount);
        return header.flip();
    }

    /** The bytes a record takes, lease included. */
    static int recordBytes(byte[] lease) {
        return FRAME_BYTES + MIN_BODY_BYTES + (lease == null ? 0 : lease.length);
    }

    /**
     * Writes one record at {@code offset} of {@code target} and returns the offset after it.
     * {@code target} must have {@link #recordBytes} room from {@code offset}.
     */
    static int writeRecord(byte[] target, int offset, byte type, int address, byte[] lease, CRC32C crc) {
        return writeRecord(target, offset, type, address, lease, 0, lease == null ? 0 : lease.length, crc);
    }

    /** {@link #writeRecord(byte[], int, byte, int, byte[], CRC32C)} with the lease's {@code length} bytes at {@code from}. */
    static int writeRecord(byte[] target, int offset, byte type, int address, byte[] lease, int from, int length, CRC32C crc) {
        int body = MIN_BODY_BYTES + length;
        ByteBuffer out = ByteBuffer.wrap(target, offset, FRAME_BYTES + body);
        out.putInt(body).putInt(0).put(type).putInt(address);
        if (length > 0) {
            out.put(lease, from, length);
        }
        crc.reset();
        crc.update(target, offset + FRAME_BYTES, body);
        ByteBuffer.wrap(target, offset + 4, 4).putInt((int) crc.getValue());
        return offset + FRAME_BYTES + body;
    }

    /** The count an {@link #END} record carries. */
    static byte[] count(long leases) {
        return ByteBuffer.allocate(8).putLong(leases).array();
    }
}
