package dev.kakapo.api.hooks;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

/** What every callout about a client's packet sees: the query and where it came from. */
public interface ClientPacketContext {

    /** The decoded query; callouts may change it (the server works with the changed packet). */
    DhcpPacket query();

    /** The address the query came from: the relay, or the client. */
    Ipv4Address sourceAddress();

    /** The interface the query came in on, or null when the socket cannot tell. */
    String interfaceName();
}
