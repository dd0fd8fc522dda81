package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.LeasesCommittedContext;
import dev.kakapo.api.hooks.ParkedPacket;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.List;
import java.util.Optional;

/** The context of {@code leases4_committed}; its holds go to the packet's {@link Parking}. */
public final class Committed extends QueryView implements LeasesCommittedContext {

    private final DhcpPacket response;
    private final List<Lease4> leases;
    private final List<Lease4> deleted;
    private final Parking parking;

    /** The leases written and deleted for {@code query}, whose answer (null for none) waits in {@code parking}. */
    public Committed(DhcpPacket query, Ipv4Address source, String interfaceName, DhcpPacket response,
                     List<Lease4> leases, List<Lease4> deleted, Parking parking) {
        super(query, source, interfaceName);
        this.response = response;
        this.leases = List.copyOf(leases);
        this.deleted = List.copyOf(deleted);
        this.parking = parking;
    }

    @Override
    public Optional<DhcpPacket> response() {
        return Optional.ofNullable(response);
    }

    @Override
    public List<Lease4> leases() {
        return leases;
    }

    @Override
    public List<Lease4> deletedLeases() {
        return deleted;
    }

    @Override
    public ParkedPacket park() {
        return parking.hold();
    }
}
