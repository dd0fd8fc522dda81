/**
 * The built-in lease store: leases off the heap in a Chronicle Map keyed by address, persisted to
 * a file that survives a crash, with on-heap indexes rebuilt at start-up; and the import of Kea's
 * memfile CSV so an operator can move from Kea with the leases.
 */
package dev.kakapo.server.lease;
