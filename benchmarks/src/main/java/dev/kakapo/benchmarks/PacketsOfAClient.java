package dev.kakapo.benchmarks;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.dhcp.Inbound;

/**
 * The queries of numbered clients as perfdhcp sends them (relayed through 127.0.0.250, with a
 * hardware address and a client identifier made from the number), and a whole exchange of one
 * through a server in process. Shared by the benchmarks that drive the server.
 */
final class PacketsOfAClient {

    /** The relay every query comes through; the benchmark configurations name it. */
    static final Ipv4Address RELAY = Ipv4Address.parse("127.0.0.250");
    /** Where the queries arrive: the loopback interface, as from perfdhcp on the same host. */
    static final Inbound INBOUND = Inbound.via("lo", Ipv4Address.parse("127.0.0.1"), RELAY, 67);

    private PacketsOfAClient() {
    }

    /** Client {@code id}'s hardware address: 02:00 and the number's four bytes. */
    static byte[] mac(long id) {
        return new byte[] {2, 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** A relayed query of type {@code type} from the client with hardware address {@code mac}. */
    static DhcpPacket query(byte[] mac, MessageType type, int xid) {
        DhcpPacket p = new DhcpPacket().xid(xid).giaddr(RELAY).hops(1).hardwareAddress(HardwareAddress.of(1, mac)).messageType(type);
        byte[] clientId = new byte[7];
        clientId[0] = 1;
        System.arraycopy(mac, 0, clientId, 1, 6);
        p.options().put(OptionCode.CLIENT_IDENTIFIER, clientId);
        return p;
    }

    /** DISCOVER, OFFER, REQUEST built from the OFFER as perfdhcp builds it, ACK: returns the ACK's bytes. */
    static byte[] exchange(Dhcp4Server server, long id) {
        byte[] mac = mac(id);
        byte[] offer = server.handle(DhcpCodec.encode(query(mac, MessageType.DISCOVER, (int) id)), INBOUND);
        DhcpPacket offered = DhcpCodec.decode(offer).packet();
        DhcpPacket request = query(mac, MessageType.REQUEST, (int) id);
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offered.yiaddr())
                .putIpv4(OptionCode.SERVER_IDENTIFIER, offered.serverIdentifier().orElseThrow());
        return server.handle(DhcpCodec.encode(request), INBOUND);
    }
}
