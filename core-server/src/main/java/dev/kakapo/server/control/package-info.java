/**
 * The control channel: Kea's command envelope and result codes, the server's own commands, and
 * the unix socket that carries them.
 */
package dev.kakapo.server.control;
