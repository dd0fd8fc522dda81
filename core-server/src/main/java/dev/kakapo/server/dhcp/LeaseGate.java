package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;

/** Lets hook callouts see, change or refuse a lease just before the allocator writes it. */
@FunctionalInterface
interface LeaseGate {

    /**
     * The lease to write instead of {@code proposed} (the same address), or null to write none.
     *
     * @param renewal whether the client already holds the address (lease4_renew) rather than getting it (lease4_select)
     */
    Lease4 approve(Lease4 proposed, boolean renewal);
}
