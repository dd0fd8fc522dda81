package dev.kakapo.api.hooks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.Optional;

/**
 * The context of the lease hook points: {@link HookPoint#LEASE4_SELECT},
 * {@link HookPoint#LEASE4_RENEW}, {@link HookPoint#LEASE4_RELEASE},
 * {@link HookPoint#LEASE4_DECLINE} and {@link HookPoint#LEASE4_RECOVER}.
 */
public interface LeaseContext {

    /** The query that led here; empty for {@link HookPoint#LEASE4_RECOVER}, which runs on a timer. */
    Optional<DhcpPacket> query();

    /** The lease: the one about to be written (select, renew) or the one concerned (release, decline, recover). */
    Lease4 lease();

    /**
     * Replaces the lease about to be written, at {@link HookPoint#LEASE4_SELECT} and
     * {@link HookPoint#LEASE4_RENEW} only (its lifetime, host name or user context, say).
     *
     * @throws IllegalArgumentException when the replacement is for another address
     * @throws IllegalStateException    at the other hook points
     */
    void lease(Lease4 replacement);

    /**
     * Whether nothing will be written: true at {@link HookPoint#LEASE4_SELECT} for a DISCOVER,
     * whose OFFER only proposes the lease (Kea's {@code fake_allocation}).
     */
    boolean fakeAllocation();
}
