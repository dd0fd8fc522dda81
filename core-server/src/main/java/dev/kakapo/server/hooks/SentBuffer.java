package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.BufferSendContext;
import dev.kakapo.api.net.Ipv4Address;

import java.util.Arrays;
import java.util.Objects;

/** The context of {@code buffer4_send}. */
public final class SentBuffer implements BufferSendContext {

    private byte[] buffer;
    private final Ipv4Address destination;

    /** The first {@code length} bytes of {@code data} (copied), going to {@code destination}. */
    public SentBuffer(byte[] data, int length, Ipv4Address destination) {
        this.buffer = Arrays.copyOf(data, length);
        this.destination = destination;
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    @Override
    public void buffer(byte[] replacement) {
        buffer = Objects.requireNonNull(replacement).clone();
    }

    /** The bytes to send after the callouts, not copied. */
    public byte[] bytes() {
        return buffer;
    }

    @Override
    public Ipv4Address destination() {
        return destination;
    }
}
