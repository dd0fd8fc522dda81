/**
 * The DHCPv4 codec (RFC 2131, RFC 2132, RFC 3396): {@link dev.kakapo.api.packet.DhcpPacket} with
 * typed access to the options a server uses, {@link dev.kakapo.api.packet.DhcpCodec} to turn
 * bytes into packets and back, and views of the structured options (relay agent information,
 * client FQDN). Malformed input comes back as a {@link dev.kakapo.api.packet.DecodeResult} failure
 * with a reason; the decoder never throws on bad bytes.
 */
package dev.kakapo.api.packet;
