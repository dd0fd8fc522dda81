/**
 * DHCPv4 message processing, free of sockets: subnet selection, the allocation engine, lease
 * times, reply building and the RFC 2131 handling of each message type. The pipeline calls
 * {@link dev.kakapo.server.dhcp.Dhcp4Processor}; so do tests and benchmarks, in process.
 */
package dev.kakapo.server.dhcp;
