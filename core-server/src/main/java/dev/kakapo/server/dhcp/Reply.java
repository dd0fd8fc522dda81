package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.hooks.Parking;

/**
 * A reply and where it goes (RFC 2131 section 4.1): to the relay, to the client's address, or
 * broadcast on the link the query came in on.
 *
 * @param packet      the reply
 * @param destination the address to send it to (255.255.255.255 for a broadcast)
 * @param port        the port to send it to
 * @param parking     where the reply waits for hook callouts that parked it, or null to send it now
 */
public record Reply(DhcpPacket packet, Ipv4Address destination, int port, Parking parking) {

    /** A reply to send now. */
    public Reply(DhcpPacket packet, Ipv4Address destination, int port) {
        this(packet, destination, port, null);
    }

    /** Whether the reply goes out as a link broadcast. */
    public boolean isBroadcast() {
        return destination.equals(Ipv4Address.BROADCAST);
    }

    /** This reply, held in {@code where} until the callouts that parked it resume it. */
    Reply parkedIn(Parking where) {
        return new Reply(packet, destination, port, where);
    }
}
