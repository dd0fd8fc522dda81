package dev.kakapo.api.packet;

import java.util.Objects;

/**
 * The outcome of {@link DhcpCodec#decode}: a packet, or the reason the bytes are not one.
 * Malformed input is an ordinary outcome here, never an exception.
 */
public final class DecodeResult {

    private final DhcpPacket packet;
    private final DecodeFailure failure;
    private final int offset;
    private final String detail;

    private DecodeResult(DhcpPacket packet, DecodeFailure failure, int offset, String detail) {
        this.packet = packet;
        this.failure = failure;
        this.offset = offset;
        this.detail = detail;
    }

    /** A successful decode. */
    public static DecodeResult success(DhcpPacket packet) {
        return new DecodeResult(Objects.requireNonNull(packet), null, -1, null);
    }

    /**
     * A failed decode.
     *
     * @param failure the kind of failure
     * @param offset  the offset in the message where the problem is
     * @param detail  what is wrong, for logs
     */
    public static DecodeResult failure(DecodeFailure failure, int offset, String detail) {
        return new DecodeResult(null, Objects.requireNonNull(failure), offset, Objects.requireNonNull(detail));
    }

    /** Whether the bytes were a well-formed message. */
    public boolean isSuccess() {
        return packet != null;
    }

    /**
     * The decoded packet.
     *
     * @throws IllegalStateException when decoding failed
     */
    public DhcpPacket packet() {
        if (packet == null) {
            throw new IllegalStateException("no packet: " + reason());
        }
        return packet;
    }

    /** The kind of failure, or null on success. */
    public DecodeFailure failure() {
        return failure;
    }

    /** The offset in the message where decoding failed, or -1 on success. */
    public int offset() {
        return offset;
    }

    /** A sentence saying what is wrong and where, or {@code "ok"} on success. */
    public String reason() {
        return packet != null ? "ok" : failure + " at offset " + offset + ": " + detail;
    }

    @Override
    public String toString() {
        return packet != null ? "DecodeResult[" + packet + "]" : "DecodeResult[" + reason() + "]";
    }
}
