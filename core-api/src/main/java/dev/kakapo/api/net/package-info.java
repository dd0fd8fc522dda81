/** Value types for IPv4 and link-layer addresses, shared by the codec, the configuration and leases. */
package dev.kakapo.api.net;
