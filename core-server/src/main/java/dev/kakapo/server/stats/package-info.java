/** Statistics under Kea's names ({@code pkt4-received}, {@code subnet[1].assigned-addresses}, ...). */
package dev.kakapo.server.stats;
