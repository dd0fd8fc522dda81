package dev.kakapo.api.hooks;

import dev.kakapo.api.net.Ipv4Address;

/** The context of {@link HookPoint#BUFFER4_SEND}: an encoded answer about to be sent. */
public interface BufferSendContext {

    /** A copy of the encoded answer. */
    byte[] buffer();

    /** Replaces the bytes sent. */
    void buffer(byte[] replacement);

    /** Where the answer goes: the relay, the client, or 255.255.255.255. */
    Ipv4Address destination();
}
