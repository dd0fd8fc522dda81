package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 2131 behaviour with Kea's parameters, exercised in process with a clock the test moves. */
class Dhcp4ProcessorTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address RELAY = Ipv4Address.parse("10.1.0.1");
    private static final Inbound VIA_RELAY = Inbound.via("eth0", SERVER, RELAY, 67);

    private final AtomicLong clock = new AtomicLong(1_800_000_000L);
    private final ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(10_000);
    private Dhcp4Server server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    /** One subnet, 10.1.0.0/24 with ten addresses, plus the given keys; lifetime 3600 s and routers unless given. */
    private void serve(String subnetExtras, String globalExtras) throws Exception {
        serve(store, subnetExtras, globalExtras);
    }

    private void serve(LeaseStore leases, String subnetExtras, String globalExtras) throws Exception {
        String lifetime = globalExtras.contains("valid-lifetime") ? "" : "\"valid-lifetime\": 3600, ";
        String routers = subnetExtras.contains("option-data") ? "" : ", \"option-data\": [{\"name\": \"routers\", \"data\": \"10.1.0.1\"}]";
        server = Dhcp4Server.builder().withoutSockets().leaseStore(leases).clock(clock::get).configText(
                "{\"Dhcp4\": {" + lifetime + "\"decline-probation-period\": 600, " + globalExtras
                        + " \"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\"}]"
                        + routers + subnetExtras + "}]}}").start();
    }

    private void serve() throws Exception {
        serve("", "");
    }

    private Reply send(DhcpPacket query) {
        return server.handle(query, VIA_RELAY);
    }

    /** A full DISCOVER-OFFER-REQUEST-ACK; returns the ACK. */
    private DhcpPacket dora(TestClient client) {
        Reply offer = send(client.discover());
        assertNotNull(offer, "an OFFER");
        assertEquals(MessageType.OFFER, offer.packet().messageType().orElseThrow());
        Reply ack = send(client.select(offer.packet().yiaddr(), SERVER));
        assertEquals(MessageType.ACK, ack.packet().messageType().orElseThrow());
        return ack.packet();
    }

    @Test
    void discoverRequestGivesALeaseTheStoreKeeps() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        DhcpPacket ack = dora(client);
        assertEquals(Ipv4Address.parse("10.1.0.10"), ack.yiaddr());
        assertEquals(SERVER, ack.serverIdentifier().orElseThrow());
        assertEquals(3600, ack.leaseTime().getAsLong());
        assertEquals(List.of(Ipv4Address.parse("10.1.0.1")), ack.options().getIpv4List(OptionCode.ROUTERS));
        assertEquals(Ipv4Address.parse("255.255.255.0"), ack.options().getIpv4(OptionCode.SUBNET_MASK).orElseThrow());
        Lease4 lease = server.leases().get(ack.yiaddr()).orElseThrow();
        assertEquals(client.mac(), lease.hwAddress());
        assertEquals(clock.get(), lease.cltt());
        assertEquals(1, server.statistics().value("subnet[1].assigned-addresses"));
        assertEquals(1, server.statistics().value("pkt4-ack-sent"));
    }

    @Test
    void anOfferWritesNothingAndTheRelayGetsTheReply() throws Exception {
        serve();
        Reply offer = send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover());
        assertEquals(0, server.leases().size(), "an OFFER is not a lease");
        assertEquals(RELAY, offer.destination());
        assertEquals(67, offer.port());
        assertEquals(RELAY, offer.packet().giaddr());
        assertEquals(1, offer.packet().hops());
    }

    @Test
    void concurrentOffersGoToDifferentAddresses() throws Exception {
        serve();
        Set<Ipv4Address> offered = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            offered.add(send(new TestClient("02:00:00:00:01:0" + i).via("10.1.0.1").discover()).packet().yiaddr());
        }
        assertEquals(10, offered.size(), "the iterative allocator moves on with each offer");
    }

    @Test
    void neverGivesAnAddressLeasedToAnotherClientAndStopsWhenThePoolIsFull() throws Exception {
        serve();
        Set<Ipv4Address> leased = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(leased.add(dora(new TestClient("02:00:00:00:02:0" + i).via("10.1.0.1")).yiaddr()));
        }
        assertNull(send(new TestClient("02:00:00:00:03:00").via("10.1.0.1").discover()), "no address left: no OFFER");
        assertEquals(1, server.statistics().value("v4-allocation-fail"));
        assertEquals(1, server.statistics().value("subnet[1].v4-allocation-fail"));
        Reply stolen = send(new TestClient("02:00:00:00:03:00").via("10.1.0.1").select(Ipv4Address.parse("10.1.0.10"), SERVER));
        assertEquals(MessageType.NAK, stolen.packet().messageType().orElseThrow(), "another client's address is refused");
        assertTrue((stolen.packet().flags() & DhcpPacket.FLAG_BROADCAST) != 0, "a relayed NAK asks for broadcast");
    }

    @Test
    void aNewClientIsOfferedTheAddressAfterTheTakenOnesWithoutTheirLeasesBeingRead() throws Exception {
        for (int i = 0; i < 6; i++) {
            store.insert(new Lease4(Ipv4Address.parse("10.1.0." + (10 + i)), HardwareAddress.parse("02:00:00:00:07:0" + i), null,
                    3600, clock.get(), 1, false, false, "", i == 5 ? LeaseState.DECLINED : LeaseState.DEFAULT, null, 0));
        }
        List<Ipv4Address> read = new CopyOnWriteArrayList<>();
        LeaseStore watched = (LeaseStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LeaseStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        read.add((Ipv4Address) args[0]);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        serve(watched, "", "");
        Reply offer = send(new TestClient("02:00:00:00:08:00").via("10.1.0.1").discover());
        assertEquals(Ipv4Address.parse("10.1.0.16"), offer.packet().yiaddr());
        assertTrue(read.stream().noneMatch(a -> a.compareTo(Ipv4Address.parse("10.1.0.16")) < 0),
                "the assigned and declined addresses are stepped over on the store's index: " + read);
    }

    @Test
    void aFreeAddressIsPreferredToAnExpiredLeaseNotYetReclaimedWhichIsReusedWhenNothingElseIsLeft() throws Exception {
        serve("", "\"valid-lifetime\": 60,");
        for (int i = 0; i < 9; i++) {
            dora(new TestClient("02:00:00:00:09:0" + i).via("10.1.0.1"));
        }
        clock.addAndGet(61);
        assertEquals(Ipv4Address.parse("10.1.0.19"), dora(new TestClient("02:00:00:00:0a:00").via("10.1.0.1")).yiaddr(),
                "the expired leases wait for their clients while a free address is left");
        Ipv4Address reused = dora(new TestClient("02:00:00:00:0a:01").via("10.1.0.1")).yiaddr();
        assertTrue(server.leases().get(reused).orElseThrow().hwAddress().equals(HardwareAddress.parse("02:00:00:00:0a:01")),
                "then an expired lease, not yet reclaimed, is taken over: " + reused);
    }

    @Test
    void aRequestForAnotherServerIsIgnored() throws Exception {
        serve();
        assertNull(send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").select(Ipv4Address.parse("10.1.0.10"),
                Ipv4Address.parse("192.0.2.99"))));
        assertEquals(0, server.leases().size());
        assertEquals(1, server.statistics().value("pkt4-receive-drop"));
    }

    @Test
    void offersTheRequestedAddressWhenFreeAndTheClientsOwnLeaseAfterwards() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        DhcpPacket discover = client.discover();
        discover.options().putIpv4(OptionCode.REQUESTED_ADDRESS, Ipv4Address.parse("10.1.0.15"));
        assertEquals(Ipv4Address.parse("10.1.0.15"), send(discover).packet().yiaddr());
        DhcpPacket ack = dora(client);
        assertEquals(ack.yiaddr(), send(client.discover()).packet().yiaddr(), "a known client is offered its lease");
    }

    @Test
    void renewingInsideTheCacheThresholdKeepsTheLeaseUnwritten() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        Lease4 before = server.leases().get(address).orElseThrow();
        clock.addAndGet(100); // 100 s of 3600: below the 25 % threshold
        DhcpPacket ack = send(client.renew(address)).packet();
        assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(3500, ack.leaseTime().getAsLong(), "the remaining lifetime");
        assertEquals(before, server.leases().get(address).orElseThrow(), "no write");
        clock.addAndGet(1000); // past the threshold
        assertEquals(3600, send(client.renew(address)).packet().leaseTime().getAsLong());
        assertEquals(clock.get(), server.leases().get(address).orElseThrow().cltt());
    }

    @Test
    void aRenewalRelayedTwiceIsAnsweredTwiceWithOneLease() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        clock.addAndGet(2000);
        DhcpPacket renew = client.renew(address);
        assertEquals(MessageType.ACK, send(renew).packet().messageType().orElseThrow());
        assertEquals(MessageType.ACK, send(renew).packet().messageType().orElseThrow());
        assertEquals(1, server.leases().size());
        assertEquals(1, server.statistics().value("subnet[1].assigned-addresses"));
    }

    @Test
    void initRebootIsAckedForTheClientsAddressAndNakedForAWrongNetwork() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        assertEquals(MessageType.ACK, send(client.reboot(address)).packet().messageType().orElseThrow());
        Reply wrong = send(client.reboot(Ipv4Address.parse("172.16.0.5")));
        assertEquals(MessageType.NAK, wrong.packet().messageType().orElseThrow());
    }

    @Test
    void initRebootOfAnUnknownClientIsIgnoredUnlessAuthoritative() throws Exception {
        serve();
        TestClient stranger = new TestClient("02:00:00:00:00:09").via("10.1.0.1");
        assertNull(send(stranger.reboot(Ipv4Address.parse("10.1.0.12"))));
        server.close();
        serve(", \"authoritative\": true", "");
        assertEquals(MessageType.NAK, send(stranger.reboot(Ipv4Address.parse("10.1.0.12"))).packet().messageType().orElseThrow());
    }

    @Test
    void releaseFreesTheAddress() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        assertNull(send(new TestClient("02:00:00:00:00:02").via("10.1.0.1").release(address, SERVER)), "not its lease");
        assertTrue(server.leases().get(address).isPresent());
        assertNull(send(client.release(address, SERVER)));
        assertTrue(server.leases().get(address).isEmpty());
        assertEquals(0, server.statistics().value("subnet[1].assigned-addresses"));
    }

    @Test
    void aDeclinedAddressStaysOutOfUseForTheProbationPeriod() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        assertNull(send(client.decline(address, SERVER)));
        Lease4 declined = server.leases().get(address).orElseThrow();
        assertEquals(LeaseState.DECLINED, declined.state());
        assertNull(declined.hwAddress());
        assertEquals(600, declined.validLifetime());
        assertEquals(1, server.statistics().value("declined-addresses"));
        assertEquals(1, server.statistics().value("subnet[1].declined-addresses"));
        for (int i = 0; i < 9; i++) {
            assertNotEquals(address, dora(new TestClient("02:00:00:00:04:0" + i).via("10.1.0.1")).yiaddr());
        }
        assertNull(send(new TestClient("02:00:00:00:05:00").via("10.1.0.1").discover()), "the declined address is not offered");
        clock.addAndGet(601);
        assertEquals(1, server.reclaimExpiredLeases());
        assertEquals(0, server.statistics().value("declined-addresses"));
        assertEquals(1, server.statistics().value("reclaimed-declined-addresses"));
        assertEquals(address, dora(new TestClient("02:00:00:00:05:00").via("10.1.0.1")).yiaddr());
    }

    @Test
    void expiredLeasesAreReclaimedAndTheirAddressesReused() throws Exception {
        serve("", "\"valid-lifetime\": 60, \"expired-leases-processing\": {\"hold-reclaimed-time\": 0},");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        clock.addAndGet(61);
        assertEquals(1, server.reclaimExpiredLeases());
        assertTrue(server.leases().get(address).isEmpty(), "without a hold time the lease is gone");
        assertEquals(1, server.statistics().value("reclaimed-leases"));
        assertEquals(0, server.statistics().value("subnet[1].assigned-addresses"));
    }

    @Test
    void aReclaimedLeaseIsHeldForItsClient() throws Exception {
        serve("", "\"valid-lifetime\": 60,");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        clock.addAndGet(61);
        server.reclaimExpiredLeases();
        assertEquals(LeaseState.EXPIRED_RECLAIMED, server.leases().get(address).orElseThrow().state());
        assertEquals(address, dora(client).yiaddr(), "the returning client gets its address back");
    }

    @Test
    void informGetsOptionsWithoutALease() throws Exception {
        serve(", \"option-data\": [{\"name\": \"routers\", \"data\": \"10.1.0.1\"}, {\"name\": \"domain-name\", \"data\": \"example.org\"}]", "");
        Reply ack = send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").inform(Ipv4Address.parse("10.1.0.77")));
        assertEquals(MessageType.ACK, ack.packet().messageType().orElseThrow());
        assertTrue(ack.packet().yiaddr().isAny());
        assertFalse(ack.packet().leaseTime().isPresent());
        assertEquals("example.org", ack.packet().options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals(0, server.leases().size());
    }

    @Test
    void lifetimesFollowTheClientWithinMinAndMax() throws Exception {
        serve(", \"min-valid-lifetime\": 1000, \"max-valid-lifetime\": 5000", "");
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        DhcpPacket offer = send(client.discover()).packet();
        DhcpPacket select = client.select(offer.yiaddr(), SERVER);
        select.options().putUint32(OptionCode.LEASE_TIME, 100000);
        assertEquals(5000, send(select).packet().leaseTime().getAsLong());
        TestClient other = new TestClient("02:00:00:00:00:02").via("10.1.0.1");
        DhcpPacket discover = other.discover();
        discover.options().putUint32(OptionCode.LEASE_TIME, 10);
        assertEquals(1000, send(discover).packet().leaseTime().getAsLong());
    }

    @Test
    void calculatesT1AndT2WhenAsked() throws Exception {
        serve(", \"calculate-tee-times\": true", "");
        DhcpPacket ack = dora(new TestClient("02:00:00:00:00:01").via("10.1.0.1"));
        assertEquals(1800, ack.renewalTime().getAsLong());
        assertEquals(3150, ack.rebindingTime().getAsLong());
    }

    @Test
    void sendsOptionsFromTheMostSpecificScopeAndHonoursAlwaysAndNeverSend() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().leaseStore(store).clock(clock::get).configText("""
                {"Dhcp4": {"option-data": [{"name": "domain-name", "data": "global.example"},
                                           {"name": "ntp-servers", "data": "192.0.2.123", "always-send": true},
                                           {"name": "time-offset", "data": "3600"}],
                  "subnet4": [{"id": 1, "subnet": "10.1.0.0/24", "relay": {"ip-addresses": ["10.1.0.1"]},
                    "option-data": [{"name": "domain-name", "data": "subnet.example"},
                                    {"name": "domain-name-servers", "data": "10.1.0.53", "never-send": true}],
                    "pools": [{"pool": "10.1.0.10-10.1.0.19", "option-data": [{"name": "routers", "data": "10.1.0.254"}]}]}]}}
                """).start();
        DhcpPacket offer = send(new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover()).packet();
        assertEquals("subnet.example", offer.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals(List.of(Ipv4Address.parse("10.1.0.254")), offer.options().getIpv4List(OptionCode.ROUTERS), "the pool's routers");
        assertTrue(offer.options().contains(42), "always-send");
        assertFalse(offer.options().contains(OptionCode.DOMAIN_NAME_SERVERS), "never-send, though requested");
        assertFalse(offer.options().contains(2), "not requested, not basic, not always-send");
        int[] codes = offer.options().codes();
        assertEquals(OptionCode.MESSAGE_TYPE, codes[0]);
        for (int i = 2; i < codes.length; i++) {
            assertTrue(codes[i - 1] < codes[i], "codes ascend after the message type");
        }
    }

    @Test
    void matchClientIdDecidesWhetherTheIdentifierOrTheMacIsTheClient() throws Exception {
        serve();
        DhcpPacket first = dora(new TestClient("02:00:00:00:00:01").clientId("01aa").via("10.1.0.1"));
        // Same client id, another NIC: the same client.
        assertEquals(first.yiaddr(), send(new TestClient("02:00:00:00:00:99").clientId("01aa").via("10.1.0.1").discover()).packet().yiaddr());
        server.close();
        store.remove(first.yiaddr());
        serve(", \"match-client-id\": false", "");
        DhcpPacket second = dora(new TestClient("02:00:00:00:00:01").clientId("01aa").via("10.1.0.1"));
        assertEquals(second.yiaddr(), send(new TestClient("02:00:00:00:00:01").clientId("01bb").via("10.1.0.1").discover()).packet().yiaddr(),
                "the MAC decides");
        assertNull(server.leases().get(second.yiaddr()).orElseThrow().clientId(), "the identifier is not stored");
        assertArrayEquals(new byte[] {1, (byte) 0xbb},
                send(new TestClient("02:00:00:00:00:01").clientId("01bb").via("10.1.0.1").discover()).packet().clientIdentifier().orElseThrow(),
                "but still echoed");
    }

    @Test
    void theRandomAllocatorHandsOutEveryAddressOnce() throws Exception {
        serve(", \"allocator\": \"random\"", "");
        Set<Ipv4Address> leased = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            leased.add(dora(new TestClient("02:00:00:00:06:0" + i).via("10.1.0.1")).yiaddr());
        }
        assertEquals(10, leased.size());
    }

    @Test
    void aSharedNetworkOverflowsIntoItsNextSubnet() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().leaseStore(store).clock(clock::get).configText("""
                {"Dhcp4": {"shared-networks": [{"name": "floor", "relay": {"ip-addresses": ["10.1.0.1"]}, "subnet4": [
                    {"id": 1, "subnet": "10.1.0.0/24", "pools": [{"pool": "10.1.0.10-10.1.0.11"}]},
                    {"id": 2, "subnet": "10.2.0.0/24", "pools": [{"pool": "10.2.0.10-10.2.0.11"}]}]}]}}
                """).start();
        Set<Ipv4Address> leased = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            leased.add(dora(new TestClient("02:00:00:00:07:0" + i).via("10.1.0.1")).yiaddr());
        }
        assertEquals(Set.of(Ipv4Address.parse("10.1.0.10"), Ipv4Address.parse("10.1.0.11"),
                Ipv4Address.parse("10.2.0.10"), Ipv4Address.parse("10.2.0.11")), leased);
        assertEquals(2, server.leases().get(Ipv4Address.parse("10.2.0.10")).orElseThrow().subnetId());
    }

    @Test
    void aReservedAddressGoesToItsHostOnly() throws Exception {
        serve(", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:42\", \"ip-address\": \"10.1.0.10\"}]", "");
        assertNotEquals(Ipv4Address.parse("10.1.0.10"), dora(new TestClient("02:00:00:00:00:01").via("10.1.0.1")).yiaddr());
        assertEquals(Ipv4Address.parse("10.1.0.10"), dora(new TestClient("02:00:00:00:00:42").via("10.1.0.1")).yiaddr());
    }

    @Test
    void selectsTheSubnetByRelayAddressThenByGiaddrThenByInterface() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().leaseStore(store).clock(clock::get).configText("""
                {"Dhcp4": {"subnet4": [
                  {"id": 1, "subnet": "10.1.0.0/24", "pools": [{"pool": "10.1.0.10-10.1.0.19"}], "relay": {"ip-addresses": ["172.16.9.9"]}},
                  {"id": 2, "subnet": "10.2.0.0/24", "pools": [{"pool": "10.2.0.10-10.2.0.19"}]},
                  {"id": 3, "subnet": "10.3.0.0/24", "pools": [{"pool": "10.3.0.10-10.3.0.19"}], "interface": "eth3"}]}}
                """).start();
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(new TestClient("02:00:00:00:00:01").via("172.16.9.9").discover()).packet().yiaddr());
        assertEquals(Ipv4Address.parse("10.2.0.10"), send(new TestClient("02:00:00:00:00:01").via("10.2.0.1").discover()).packet().yiaddr());
        Inbound onEth3 = new Inbound("eth3", List.of(Ipv4Address.parse("192.168.3.1")), Ipv4Address.parse("192.168.3.1"), Ipv4Address.ANY, 68);
        Reply direct = server.handle(new TestClient("02:00:00:00:00:01").discover(), onEth3);
        assertEquals(Ipv4Address.parse("10.3.0.10"), direct.packet().yiaddr());
        assertEquals(Ipv4Address.BROADCAST, direct.destination());
        assertNull(send(new TestClient("02:00:00:00:00:01").via("10.9.0.1").discover()), "no subnet for this relay");
    }

    @Test
    void answersARenewalSentDirectlyToTheClientsAddress() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        Ipv4Address address = dora(client).yiaddr();
        clock.addAndGet(2000);
        Reply ack = server.handle(new TestClient("02:00:00:00:00:01").renew(address), Inbound.via("eth0", SERVER, address, 68));
        assertEquals(MessageType.ACK, ack.packet().messageType().orElseThrow());
        assertEquals(address, ack.destination());
        assertEquals(68, ack.port());
        assertEquals(address, ack.packet().ciaddr());
    }

    @Test
    void dropsWhatIsNotADhcpRequest() throws Exception {
        serve();
        DhcpPacket reply = new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover().op(DhcpPacket.BOOTREPLY);
        assertNull(send(reply));
        DhcpPacket bootp = new TestClient("02:00:00:00:00:01").via("10.1.0.1").discover();
        bootp.options().remove(OptionCode.MESSAGE_TYPE);
        assertNull(send(bootp));
        assertEquals(2, server.statistics().value("pkt4-receive-drop"));
        assertEquals(1, server.statistics().value("pkt4-unknown-received"));
    }

    @Test
    void echoesTheHostNameCleanedAndStoresIt() throws Exception {
        serve();
        TestClient client = new TestClient("02:00:00:00:00:01").via("10.1.0.1");
        DhcpPacket discover = client.discover();
        discover.options().putString(OptionCode.HOST_NAME, "my_host name");
        DhcpPacket offer = send(discover).packet();
        assertEquals("myhostname", offer.hostname().orElseThrow());
        DhcpPacket select = client.select(offer.yiaddr(), SERVER);
        select.options().putString(OptionCode.HOST_NAME, "my_host name");
        assertEquals("myhostname", server.leases().get(send(select).packet().yiaddr()).orElseThrow().hostname());
        assertEquals(1, server.leases().findByHostname("MYHOSTNAME").size());
        assertEquals(HardwareAddress.parse("02:00:00:00:00:01"), server.leases().findByHostname("myhostname").get(0).hwAddress());
    }
}
