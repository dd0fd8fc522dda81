/**
 * The server's sockets. A Kea interface entry {@code eth0/192.0.2.1} is a UDP socket bound to that
 * address (relayed and unicast traffic); a plain {@code eth0} is a UDP socket bound to the wildcard
 * address and to the device with {@code SO_BINDTODEVICE}, so it gets the broadcasts of clients
 * without an address on that link only and its broadcast answers leave through that link.
 */
package dev.kakapo.server.net;
