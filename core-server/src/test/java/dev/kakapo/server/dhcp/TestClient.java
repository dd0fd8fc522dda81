package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;

/** Builds the queries a client sends, for tests of the processor. */
final class TestClient {

    private final HardwareAddress mac;
    private byte[] clientId;
    private Ipv4Address relay = Ipv4Address.ANY;
    private int xid;
    private final java.util.Map<Integer, byte[]> extraOptions = new java.util.LinkedHashMap<>();

    TestClient(String mac) {
        this.mac = HardwareAddress.parse(mac);
        this.xid = mac.hashCode();
    }

    TestClient clientId(String hex) {
        this.clientId = HexBytes.parse(hex);
        return this;
    }

    /** An option this client puts in every query (vendor class, relay agent information, ...). */
    TestClient option(int code, byte[] value) {
        extraOptions.put(code, value.clone());
        return this;
    }

    TestClient via(String relayAddress) {
        this.relay = Ipv4Address.parse(relayAddress);
        return this;
    }

    HardwareAddress mac() {
        return mac;
    }

    DhcpPacket query(MessageType type) {
        DhcpPacket p = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(++xid).hardwareAddress(mac).giaddr(relay)
                .hops(relay.isAny() ? 0 : 1).messageType(type);
        if (clientId != null) {
            p.options().put(OptionCode.CLIENT_IDENTIFIER, clientId);
        }
        p.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 15, 51, 54, 58, 59});
        extraOptions.forEach((code, value) -> p.options().put(code, value));
        return p;
    }

    DhcpPacket discover() {
        return query(MessageType.DISCOVER);
    }

    /** A REQUEST in SELECTING state, answering an offer of {@code address} from {@code server}. */
    DhcpPacket select(Ipv4Address address, Ipv4Address server) {
        DhcpPacket p = query(MessageType.REQUEST);
        p.options().putIpv4(OptionCode.REQUESTED_ADDRESS, address).putIpv4(OptionCode.SERVER_IDENTIFIER, server);
        return p;
    }

    /** A REQUEST in INIT-REBOOT state. */
    DhcpPacket reboot(Ipv4Address address) {
        DhcpPacket p = query(MessageType.REQUEST);
        p.options().putIpv4(OptionCode.REQUESTED_ADDRESS, address);
        return p;
    }

    /** A REQUEST in RENEWING or REBINDING state. */
    DhcpPacket renew(Ipv4Address address) {
        return query(MessageType.REQUEST).ciaddr(address);
    }

    DhcpPacket release(Ipv4Address address, Ipv4Address server) {
        DhcpPacket p = query(MessageType.RELEASE).ciaddr(address);
        p.options().putIpv4(OptionCode.SERVER_IDENTIFIER, server);
        return p;
    }

    DhcpPacket decline(Ipv4Address address, Ipv4Address server) {
        DhcpPacket p = query(MessageType.DECLINE);
        p.options().putIpv4(OptionCode.REQUESTED_ADDRESS, address).putIpv4(OptionCode.SERVER_IDENTIFIER, server);
        return p;
    }

    DhcpPacket inform(Ipv4Address address) {
        return query(MessageType.INFORM).ciaddr(address);
    }
}
