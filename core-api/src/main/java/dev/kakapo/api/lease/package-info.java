/**
 * DHCPv4 leases as Kea reports them ({@link dev.kakapo.api.lease.Lease4}) and the
 * {@link dev.kakapo.api.lease.LeaseStore} SPI that keeps them, written in operations a SQL store
 * can do atomically (insert if absent, compare and update, page by address).
 */
package dev.kakapo.api.lease;
