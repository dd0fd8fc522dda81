package dev.kakapo.server.pipeline;

import dev.kakapo.server.net.Listener;

/** A ring slot: a received datagram, copied into a buffer the slot owns, and where it came from. */
final class PacketEvent {

    /** The largest datagram kept; DHCPv4 messages are far smaller. */
    static final int CAPACITY = 4096;

    final byte[] data = new byte[CAPACITY];
    int length;
    Listener listener;
    int sourceAddress;
    int sourcePort;

    /** Forgets the references so a slot does not keep a closed listener alive. */
    void clear() {
        listener = null;
        length = 0;
    }
}
