package dev.kakapo.server.hooks;

import java.util.Arrays;
import java.util.Objects;

/** The bytes of a datagram a buffer callout may read and replace, copied both ways so the server's own stay its own. */
abstract class DatagramBytes {

    private byte[] buffer;

    DatagramBytes(byte[] data, int length) {
        this.buffer = Arrays.copyOf(data, length);
    }

    /** A copy of the bytes. */
    public byte[] buffer() {
        return buffer.clone();
    }

    /** Replaces the bytes. */
    public void buffer(byte[] replacement) {
        buffer = Objects.requireNonNull(replacement).clone();
    }

    /** The bytes as they are after the callouts, not copied. */
    public byte[] bytes() {
        return buffer;
    }
}
