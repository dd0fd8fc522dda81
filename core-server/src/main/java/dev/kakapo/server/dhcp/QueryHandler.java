package dev.kakapo.server.dhcp;

import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.stats.PacketStatistics;

/** What the pipeline hands each decoded query to. */
public interface QueryHandler {

    /** Handles a query; returns the reply, or null when none is due. */
    Reply process(DhcpPacket query, Inbound inbound);

    /** The packet counters the pipeline bumps for what it drops and sends. */
    PacketStatistics packetStatistics();
}
