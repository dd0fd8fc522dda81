package dev.kakapo.api.hooks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;

/**
 * A library's say over which free addresses the allocator may give to a client that does not
 * hold them: asked for each candidate address, before an OFFER proposes it and before a REQUEST
 * takes it, whenever the address would get a new owner (never for a client's own lease). An
 * address the guard refuses is passed over and the allocator tries the next one; a refused
 * requested address is not given (an OFFER of another, or a NAK).
 *
 * <p>Kakapo's HA library uses it to keep two servers that answer without each other's
 * acknowledgement (a partner declared down that may only be cut off) from giving one address
 * to two clients: each then takes new clients only into its own half of each pool. Kea has no
 * such point. Asked on packet threads, many times per packet: keep it cheap and lock-free. A
 * guard that throws is logged and counted and taken as admitting the address.
 */
@FunctionalInterface
public interface AddressGuard {

    /**
     * Whether {@code address} of subnet {@code subnetId} may go to a new owner now.
     *
     * @param previous the lease the store holds for the address (expired, reclaimed, declined or
     *                 another client's lapsed one), or null when it holds none
     */
    boolean admits(long subnetId, Ipv4Address address, Lease4 previous);
}
