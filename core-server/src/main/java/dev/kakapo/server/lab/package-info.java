/**
 * {@code kakapo lab}: a whole deployment (by default the seed article's five servers) run on
 * loopback as separate processes, loaded by a DHCP load generator of Kakapo's own, with a branch
 * server killed and restarted while the state of every relationship is shown.
 */
package dev.kakapo.server.lab;
