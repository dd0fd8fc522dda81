package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.ClientPacketContext;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

/** The context of {@code pkt4_receive}, and the part every per-query context shares. */
public class QueryView implements ClientPacketContext {

    private final DhcpPacket query;
    private final Ipv4Address source;
    private final String interfaceName;

    /** A view of {@code query}, which came from {@code source} in on {@code interfaceName} (null when unknown). */
    public QueryView(DhcpPacket query, Ipv4Address source, String interfaceName) {
        this.query = query;
        this.source = source;
        this.interfaceName = interfaceName;
    }

    @Override
    public final DhcpPacket query() {
        return query;
    }

    @Override
    public final Ipv4Address sourceAddress() {
        return source;
    }

    @Override
    public final String interfaceName() {
        return interfaceName;
    }
}
