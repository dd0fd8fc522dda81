package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;

/**
 * A lease the engine granted: newly written, renewed, or reused as it stood (lease caching).
 *
 * @param lease  the lease
 * @param subnet the subnet the address belongs to
 * @param reused whether the stored lease was kept unchanged and the client gets its remaining time
 */
record Allocation(Lease4 lease, ServedSubnet subnet, boolean reused) {
}
