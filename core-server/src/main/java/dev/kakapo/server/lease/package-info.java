/**
 * The built-in lease store: leases off the heap in a Chronicle Map keyed by address, persisted
 * by a journal and snapshots that survive a crash, with on-heap indexes rebuilt at start-up; and
 * the import of Kea's memfile CSV (or an earlier Kakapo's memory-mapped file) so an operator can
 * move with the leases.
 */
package dev.kakapo.server.lease;
