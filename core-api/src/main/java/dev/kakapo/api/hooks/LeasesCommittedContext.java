package dev.kakapo.api.hooks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.List;
import java.util.Optional;

/**
 * The context of {@link HookPoint#LEASES4_COMMITTED}: the leases a REQUEST, RELEASE or DECLINE
 * wrote or deleted, after they are in the lease store and before the answer leaves. The place
 * to hold the answer until someone else (an HA partner, say) has the lease.
 */
public interface LeasesCommittedContext extends ClientPacketContext {

    /** The answer about to leave, empty for RELEASE and DECLINE, which get none. */
    Optional<DhcpPacket> response();

    /** The leases written, never null. */
    List<Lease4> leases();

    /** The leases deleted, never null. */
    List<Lease4> deletedLeases();

    /**
     * Takes a hold on the answer: return {@link NextStep#PARK} and call {@link ParkedPacket#resume()}
     * or {@link ParkedPacket#drop()} later, from any thread. A hold taken by a callout that then
     * returns something other than PARK is released at once.
     */
    ParkedPacket park();
}
