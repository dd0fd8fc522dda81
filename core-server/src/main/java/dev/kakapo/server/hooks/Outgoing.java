package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.ResponseContext;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

/** The context of {@code pkt4_send}. */
public final class Outgoing extends QueryView implements ResponseContext {

    private final DhcpPacket response;

    /** The answer {@code response} to {@code query}. */
    public Outgoing(DhcpPacket query, Ipv4Address source, String interfaceName, DhcpPacket response) {
        super(query, source, interfaceName);
        this.response = response;
    }

    @Override
    public DhcpPacket response() {
        return response;
    }
}
