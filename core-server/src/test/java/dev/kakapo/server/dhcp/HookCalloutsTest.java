package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import dev.kakapo.server.stats.Statistics;
import dev.kakapo.server.testing.OldApiHookLibrary;
import dev.kakapo.server.testing.ScriptedHookLibrary;
import dev.kakapo.server.testing.SingleThreadedHookLibrary;
import dev.kakapo.server.testing.TestHookLibraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hook libraries' callouts on the way of a packet, with Kea's next steps, in process. */
class HookCalloutsTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");
    private static final Inbound VIA_RELAY = Inbound.via("eth0", SERVER, Ipv4Address.parse("10.1.0.1"), 67);

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_800_000_000L);
    private final ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(10_000);
    private Dhcp4Server server;
    private String globals = "";
    private String subnetExtras = "";

    @BeforeEach
    void forget() {
        ScriptedHookLibrary.reset();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    /** Serves one relayed subnet with the scripted library's entries ({@code parameters} maps, in order). */
    private void serve(String... parameters) throws Exception {
        StringBuilder hooks = new StringBuilder();
        for (String p : parameters) {
            hooks.append(hooks.length() == 0 ? "" : ", ").append("{\"library\": \"scripted\", \"parameters\": ").append(p).append('}');
        }
        server = Dhcp4Server.builder().withoutSockets().leaseStore(store).clock(clock::get)
                .hooks(TestHookLibraries.catalog(dir)).configText("{\"Dhcp4\": {\"valid-lifetime\": 3600," + globals
                        + " \"hooks-libraries\": [" + hooks + "],"
                        + " \"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\"}]" + subnetExtras + "},"
                        + "               {\"id\": 2, \"subnet\": \"10.2.0.0/24\", \"pools\": [{\"pool\": \"10.2.0.10-10.2.0.19\"}]}]}}")
                .start();
    }

    private DhcpPacket send(DhcpPacket query) {
        byte[] answer = server.handle(DhcpCodec.encode(query, DhcpCodec.MIN_MAX_MESSAGE_SIZE), VIA_RELAY);
        if (answer == null) {
            return null;
        }
        DecodeResult decoded = DhcpCodec.decode(answer);
        assertTrue(decoded.isSuccess(), decoded.reason());
        return decoded.packet();
    }

    private long dropped() {
        return server.statistics().value(Statistics.PKT4_RECEIVE_DROP);
    }

    @Test
    void aDropAtPkt4ReceiveDropsThePacketAndCountsIt() throws Exception {
        serve("{\"pkt4_receive\": \"DROP\"}");
        assertNull(send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()));
        assertEquals(1, dropped());
        assertEquals(List.of("scripted:pkt4_receive"), ScriptedHookLibrary.CALLS);
    }

    @Test
    void calloutsRunInConfigOrderAndTheStrongestStepWins() throws Exception {
        serve("{\"name\": \"first\", \"pkt4_receive\": \"DROP\"}", "{\"name\": \"second\", \"pkt4_receive\": \"CONTINUE\"}");
        assertNull(send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()), "a later CONTINUE does not undo a DROP");
        assertEquals(List.of("first:pkt4_receive", "second:pkt4_receive"), ScriptedHookLibrary.CALLS);
    }

    @Test
    void aCalloutThatThrowsIsCountedAndThePacketGoesOn() throws Exception {
        serve("{\"pkt4_receive\": \"THROW\", \"pkt4_send\": \"NULL\"}");
        DhcpPacket offer = send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover());
        assertNotNull(offer, "served as if the callouts had returned CONTINUE");
        assertEquals(2, server.statistics().value(Dhcp4Server.HOOK_CALLOUT_FAILURES));
    }

    @Test
    void skipAtSubnetSelectLeavesTheQueryWithoutSubnet() throws Exception {
        serve("{\"subnet4_select\": \"SKIP\"}");
        assertNull(send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()));
        assertEquals(1, dropped());
    }

    @Test
    void skipAtLease4SelectMeansNoOfferAndANakForARequest() throws Exception {
        serve("{\"lease4_select\": \"SKIP\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        assertNull(send(client.discover()));
        DhcpPacket nak = send(client.select(Ipv4Address.parse("10.1.0.10"), SERVER));
        assertEquals(MessageType.NAK, nak.messageType().orElseThrow());
        assertTrue(store.get(Ipv4Address.parse("10.1.0.10")).isEmpty(), "nothing written");
    }

    @Test
    void skipAtLease4RenewKeepsTheLeaseAsItWas() throws Exception {
        serve("{\"lease4_renew\": \"SKIP\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        DhcpPacket offer = send(client.discover());
        assertEquals(MessageType.ACK, send(client.select(offer.yiaddr(), SERVER)).messageType().orElseThrow(),
                "a new lease is lease4_select's");
        long cltt = store.get(offer.yiaddr()).orElseThrow().cltt();
        clock.addAndGet(3000); // past the point where the lease is reused as it is
        assertEquals(MessageType.NAK, send(client.renew(offer.yiaddr())).messageType().orElseThrow());
        assertEquals(cltt, store.get(offer.yiaddr()).orElseThrow().cltt());
    }

    @Test
    void skipAtLease4ReleaseKeepsTheLease() throws Exception {
        serve("{\"lease4_release\": \"SKIP\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = send(client.discover()).yiaddr();
        send(client.select(address, SERVER));
        send(client.release(address, SERVER));
        assertEquals(LeaseState.DEFAULT, store.get(address).orElseThrow().state());
    }

    @Test
    void parkedAnswersLeaveWhenResumedFromAnotherThread() throws Exception {
        serve("{\"leases4_committed\": \"PARK\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = send(client.discover()).yiaddr();
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        server.handle(DhcpCodec.encode(client.select(address, SERVER), 576), VIA_RELAY, (data, to, port) -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sent.add(bytes);
        });
        assertTrue(sent.isEmpty(), "held while parked");
        assertEquals(LeaseState.DEFAULT, store.get(address).orElseThrow().state(), "the lease is committed before the hold");
        CompletableFuture.runAsync(() -> ScriptedHookLibrary.HELD.poll().resume()).get(5, TimeUnit.SECONDS);
        assertEquals(1, sent.size());
        assertEquals(MessageType.ACK, DhcpCodec.decode(sent.get(0)).packet().messageType().orElseThrow());
    }

    @Test
    void aDroppedHoldMeansNoAnswer() throws Exception {
        serve("{\"leases4_committed\": \"PARK\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = send(client.discover()).yiaddr();
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        server.handle(DhcpCodec.encode(client.select(address, SERVER), 576), VIA_RELAY, (data, to, port) -> sent.add(new byte[0]));
        ScriptedHookLibrary.HELD.poll().drop();
        assertTrue(sent.isEmpty());
        assertEquals(1, dropped());
    }

    @Test
    void aFullParkingLotDropsNewPackets() throws Exception {
        globals = "\"parked-packet-limit\": 2,";
        serve("{\"leases4_committed\": \"PARK\"}");
        for (int i = 0; i < 3; i++) {
            TestClient client = new TestClient(String.format("02:00:00:00:01:%02x", i)).via("10.1.0.1");
            Ipv4Address address = send(client.discover()).yiaddr();
            send(client.select(address, SERVER));
        }
        assertEquals(2, ScriptedHookLibrary.HELD.size(), "the third REQUEST found the lot full");
        assertEquals(1, dropped());
        ScriptedHookLibrary.HELD.poll().resume();
        TestClient next = new TestClient("02:00:00:00:01:09").via("10.1.0.1");
        send(next.select(send(next.discover()).yiaddr(), SERVER));
        assertEquals(2, ScriptedHookLibrary.HELD.size(), "a resumed answer frees its place");
    }

    /**
     * A REQUEST that finds the lot full writes no lease: written and dropped before the
     * leases4_committed callouts ran, it would be a lease HA never sent to the partner, which a
     * retransmission later acknowledged without an update (a lease the partner never had, whose
     * address it gave to another client). Kea 2.2 writes the lease first.
     */
    @Test
    void aRequestThatFindsTheParkingLotFullWritesNoLease() throws Exception {
        globals = "\"parked-packet-limit\": 1,";
        serve("{\"leases4_committed\": \"PARK\"}");
        TestClient first = new TestClient("02:00:00:00:01:01").via("10.1.0.1");
        send(first.select(send(first.discover()).yiaddr(), SERVER));
        long leases = store.size();
        TestClient second = new TestClient("02:00:00:00:01:02").via("10.1.0.1");
        Ipv4Address offered = send(second.discover()).yiaddr();
        assertNull(send(second.select(offered, SERVER)));
        assertEquals(leases, store.size(), "the dropped REQUEST wrote nothing");
        assertTrue(store.get(offered).isEmpty());
    }

    @Test
    void host4IdentifierGivesTheFlexibleIdentifierReservationsAreMatchedBy() throws Exception {
        globals = "\"host-reservation-identifiers\": [\"flex-id\", \"hw-address\"],";
        subnetExtras = ", \"reservations\": [{\"flex-id\": \"66:6c:65:78\", \"ip-address\": \"10.1.0.15\"}]";
        serve("{\"host4_identifier\": \"ID:666c6578\"}");
        assertEquals(Ipv4Address.parse("10.1.0.15"), send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()).yiaddr());
        assertEquals(List.of("scripted:host4_identifier"), ScriptedHookLibrary.CALLS);
    }

    @Test
    void withoutTheIdentifierTheFlexReservationIsNotMatched() throws Exception {
        globals = "\"host-reservation-identifiers\": [\"flex-id\", \"hw-address\"],";
        subnetExtras = ", \"reservations\": [{\"flex-id\": \"66:6c:65:78\", \"ip-address\": \"10.1.0.15\"}]";
        serve("{\"host4_identifier\": \"SKIP\"}");
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()).yiaddr());
    }

    @Test
    void dhcp4SrvConfiguredCanRefuseTheConfiguration() {
        ConfigException e = assertThrows(ConfigException.class, () -> serve("{\"dhcp4_srv_configured\": \"DROP\"}"));
        assertTrue(e.getMessage().contains("dhcp4_srv_configured"), e.getMessage());
        assertTrue(ScriptedHookLibrary.LOADED.isEmpty(), "the library is unloaded again");
    }

    @Test
    void aLibraryThatThrowsWhileLoadingIsRefusedWithItsReason() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> serve("{\"name\": \"good\"}", "{\"name\": \"bad\", \"load\": \"THROW\"}"));
        assertTrue(e.getMessage().contains("told to fail while loading"), e.getMessage());
        assertTrue(e.getMessage().contains("hooks-libraries[1]"), e.getMessage());
        assertTrue(ScriptedHookLibrary.LOADED.isEmpty(), "the library loaded before it is unloaded again");
    }

    @Test
    void librariesBuiltForAnotherApiOrUnsafeWithThreadsAreRefusedAsKeaRefusesThem() {
        for (String library : new String[] {"old-api", "single-threaded"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Dhcp4Server.builder().withoutSockets()
                    .hooks(TestHookLibraries.catalog(dir, OldApiHookLibrary.class, SingleThreadedHookLibrary.class))
                    .configText("{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"" + library + "\"}],"
                            + " \"multi-threading\": {\"enable-multi-threading\": true}, \"subnet4\": []}}").start());
            assertTrue(e.getMessage().contains(library.equals("old-api") ? "API version 0" : "multi-threading"), e.getMessage());
        }
    }

    @Test
    void lease4ExpireSkipLeavesTheLeaseToTheCallout() throws Exception {
        serve("{\"lease4_expire\": \"SKIP\"}");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = send(client.discover()).yiaddr();
        send(client.select(address, SERVER));
        clock.addAndGet(7200);
        assertEquals(0, server.reclaimExpiredLeases());
        assertEquals(LeaseState.DEFAULT, store.get(address).orElseThrow().state());
        assertEquals(List.of("scripted:lease4_expire"), ScriptedHookLibrary.CALLS);
    }
}
