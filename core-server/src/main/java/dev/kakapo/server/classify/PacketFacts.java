package dev.kakapo.server.classify;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

/** What an expression may read: the query, where it came from, and the classes it has so far. */
public interface PacketFacts {

    /** The query being classified. */
    DhcpPacket query();

    /** The interface the query came in on, or null when the socket cannot tell. */
    String interfaceName();

    /** The address the query came from. */
    Ipv4Address sourceAddress();

    /** The server's address the query reached. */
    Ipv4Address destinationAddress();

    /** Whether the query already belongs to {@code className}. */
    boolean member(String className);
}
