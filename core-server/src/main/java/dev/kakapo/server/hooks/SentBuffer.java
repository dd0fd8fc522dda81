package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.BufferSendContext;
import dev.kakapo.api.net.Ipv4Address;

/** The context of {@code buffer4_send}. */
public final class SentBuffer extends DatagramBytes implements BufferSendContext {

    private final Ipv4Address destination;

    /** The first {@code length} bytes of {@code data} (copied), going to {@code destination}. */
    public SentBuffer(byte[] data, int length, Ipv4Address destination) {
        super(data, length);
        this.destination = destination;
    }

    @Override
    public Ipv4Address destination() {
        return destination;
    }
}
