package dev.kakapo.api.hooks;

import dev.kakapo.api.lease.Lease4;

/** The context of {@link HookPoint#LEASE4_EXPIRE}: a lease the reclamation timer is about to reclaim. */
public interface LeaseExpireContext {

    /** The expired lease. */
    Lease4 lease();

    /** Whether the server deletes the lease (true) or keeps it as expired-reclaimed (false). */
    boolean removeLease();
}
