package dev.kakapo.benchmarks;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full DISCOVER-OFFER-REQUEST-ACK through the server in process (decode, process, store,
 * encode; no sockets, no pipeline hand-off): what one exchange costs the server's code, each with
 * a new client so every one writes a lease.
 */
@State(Scope.Thread)
public class ExchangeBenchmark extends KakapoBenchmark {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 3600,
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}],
                           "relay": {"ip-addresses": ["127.0.0.250"]},
                           "option-data": [{"name": "routers", "data": "10.0.0.1"}]}]}}
            """;
    private static final Ipv4Address RELAY = Ipv4Address.parse("127.0.0.250");
    private static final Inbound INBOUND = Inbound.via("lo", Ipv4Address.parse("127.0.0.1"), RELAY, 67);

    private ChronicleLeaseStore store;
    private Dhcp4Server server;
    private long client;

    /** A server in process over an in-memory store big enough for every client of the run. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        store = ChronicleLeaseStore.inMemory(4_000_000);
        server = Dhcp4Server.builder().configText(CONFIG).withoutSockets().leaseStore(store).start();
    }

    /** Closes the server and the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        store.close();
    }

    /** One exchange of a new client, as perfdhcp makes it: relayed, with a client identifier. */
    @Benchmark
    public byte[] discoverOfferRequestAck() {
        long id = ++client;
        byte[] mac = {2, 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
        DhcpPacket discover = query(mac, MessageType.DISCOVER, (int) id);
        byte[] offer = server.handle(DhcpCodec.encode(discover), INBOUND);
        DhcpPacket offered = DhcpCodec.decode(offer).packet();
        DhcpPacket request = query(mac, MessageType.REQUEST, (int) id);
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offered.yiaddr())
                .putIpv4(OptionCode.SERVER_IDENTIFIER, offered.serverIdentifier().orElseThrow());
        return server.handle(DhcpCodec.encode(request), INBOUND);
    }

    private static DhcpPacket query(byte[] mac, MessageType type, int xid) {
        DhcpPacket p = new DhcpPacket().xid(xid).giaddr(RELAY).hops(1).hardwareAddress(HardwareAddress.of(1, mac)).messageType(type);
        byte[] clientId = new byte[7];
        clientId[0] = 1;
        System.arraycopy(mac, 0, clientId, 1, 6);
        p.options().put(OptionCode.CLIENT_IDENTIFIER, clientId);
        return p;
    }
}
