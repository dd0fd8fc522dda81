package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.PcapReader;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kakapo answers the captured clients byte for byte as Kea 2.2 did. The captures were taken with
 * Kea serving 198.18.2.0/24 (addresses from .100, routers .1, lifetime 60 s, T1 10 s, T2 40 s)
 * through a relay at 198.18.2.1, the server at 198.18.1.1. Each client's DISCOVER and REQUEST
 * are replayed in process and the replies compared with Kea's, and so is the relayed renewal.
 */
class KeaGoldenRepliesTest {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 60, "renew-timer": 10, "rebind-timer": 40,
              "subnet4": [{"id": 1, "subnet": "198.18.2.0/24", "pools": [{"pool": "198.18.2.100-198.18.2.199"}],
                           "option-data": [{"name": "routers", "data": "198.18.2.1"}]},
                          {"id": 2, "subnet": "198.18.1.0/24", "pools": [{"pool": "198.18.1.100-198.18.1.199"}],
                           "option-data": [{"name": "routers", "data": "198.18.1.1"}]}]}}
            """;

    private final AtomicLong clock = new AtomicLong(1_800_000_000L);
    private final ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(1000);
    private Dhcp4Server server;

    @AfterEach
    void close() {
        server.close();
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-relayed", "udhcpc-relayed", "dhcpcd-relayed"})
    void answersEachRelayedClientAsKeaDid(String capture) throws Exception {
        server = Dhcp4Server.builder().configText(CONFIG).withoutSockets().leaseStore(store).clock(clock::get).start();
        List<PcapReader.Datagram> d = PcapReader.capture(capture);
        // Kea handed out addresses from .100 in the order the captures were taken; the addresses
        // given before this client's are leased to others here too.
        Ipv4Address offered = Ipv4Address.fromBytes(d.get(1).payload(), 16);
        for (Ipv4Address a = Ipv4Address.parse("198.18.2.100"); a.compareTo(offered) < 0; a = a.plus(1)) {
            server.leases().insert(Lease4.assigned(a, HardwareAddress.parse("02:00:00:00:00:01"), null, 60, clock.get(), 1, ""));
        }
        Inbound viaRelay = Inbound.via("eth0", Ipv4Address.parse("198.18.1.1"), Ipv4Address.parse("198.18.1.2"), 67);

        assertSameReply(d.get(1).payload(), server.handle(d.get(0).payload(), viaRelay), capture + " OFFER");
        assertSameReply(d.get(3).payload(), server.handle(d.get(2).payload(), viaRelay), capture + " ACK");

        // The renewal, sent by the client to the server and relayed as well: past the cache
        // threshold, so the lease is extended and the full lifetime granted, as by Kea 2.2.
        clock.addAndGet(20);
        PcapReader.Datagram relayedRenew = d.stream().filter(x -> x.source().startsWith("198.18.1.2:") && isType(x.payload(), 3)
                && !Ipv4Address.fromBytes(x.payload(), 12).isAny()).findFirst().orElseThrow();
        PcapReader.Datagram keaAck = d.stream().filter(x -> x.destination().equals("198.18.2.1:67") && isType(x.payload(), 5)
                && !Ipv4Address.fromBytes(x.payload(), 12).isAny()).findFirst().orElseThrow();
        assertSameReply(keaAck.payload(), server.handle(relayedRenew.payload(), viaRelay), capture + " renewal ACK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-direct", "udhcpc-direct", "dhcpcd-direct"})
    void answersEachDirectClientAsKeaDidByBroadcastOnItsLink(String capture) throws Exception {
        server = Dhcp4Server.builder().configText(CONFIG).withoutSockets().leaseStore(store).clock(clock::get).start();
        List<PcapReader.Datagram> d = PcapReader.capture(capture);
        Ipv4Address offered = Ipv4Address.fromBytes(d.get(1).payload(), 16);
        for (Ipv4Address a = Ipv4Address.parse("198.18.1.100"); a.compareTo(offered) < 0; a = a.plus(1)) {
            server.leases().insert(Lease4.assigned(a, HardwareAddress.parse("02:00:00:00:00:01"), null, 60, clock.get(), 2, ""));
        }
        Inbound onLink = new Inbound("eth0", List.of(Ipv4Address.parse("198.18.1.1")), Ipv4Address.parse("198.18.1.1"),
                Ipv4Address.ANY, 68);

        Reply offer = server.handle(DhcpCodec.decode(d.get(0).payload()).packet(), onLink);
        assertSameReply(d.get(1).payload(), DhcpCodec.encode(offer.packet()), capture + " OFFER");
        assertEquals(Ipv4Address.BROADCAST, offer.destination(), "a client without an address is answered by broadcast");
        assertEquals(68, offer.port());
        Reply ack = server.handle(DhcpCodec.decode(d.get(2).payload()).packet(), onLink);
        assertSameReply(d.get(3).payload(), DhcpCodec.encode(ack.packet()), capture + " ACK");
    }

    private static boolean isType(byte[] message, int type) {
        return DhcpCodec.decode(message).packet().messageType().orElseThrow().code() == type;
    }

    private static void assertSameReply(byte[] kea, byte[] kakapo, String what) {
        assertEquals(HexBytes.toHex(kea), kakapo == null ? "no reply" : HexBytes.toHex(kakapo), what);
    }
}
