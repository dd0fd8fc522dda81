/** The {@code kakapo-dhcp4} command, with Kea's flags. */
package dev.kakapo.server.cli;
