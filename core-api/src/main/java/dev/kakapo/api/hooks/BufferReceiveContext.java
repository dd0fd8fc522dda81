package dev.kakapo.api.hooks;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

/** The context of {@link HookPoint#BUFFER4_RECEIVE}: a datagram as it was read, not yet decoded. */
public interface BufferReceiveContext {

    /** A copy of the datagram's bytes. */
    byte[] buffer();

    /** Replaces the bytes the server decodes after the callouts. */
    void buffer(byte[] replacement);

    /**
     * Hands the server a packet the callout decoded itself; return {@link NextStep#SKIP} so that
     * the server uses it instead of decoding the buffer.
     */
    void query(DhcpPacket decoded);

    /** The address the datagram came from. */
    Ipv4Address sourceAddress();

    /** The interface the datagram came in on, or null when the socket cannot tell. */
    String interfaceName();
}
