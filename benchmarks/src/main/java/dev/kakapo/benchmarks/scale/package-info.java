/** Kakapo processes with a million leases: start-up, memory, paging and HA sync of the whole store. */
package dev.kakapo.benchmarks.scale;
