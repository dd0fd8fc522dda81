package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.api.packet.RelayAgentInformation;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host reservations, client classes, shared networks and relay agent information, with
 * Kea-shaped configurations and packets built with the codec, as Kea's ARM describes them.
 */
class AddressManagementTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");
    private static final Inbound VIA_RELAY = Inbound.via("eth0", SERVER, Ipv4Address.parse("10.1.0.1"), 67);

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

    private void serve(String dhcp4Body) throws Exception {
        if (server != null) {
            server.close();
        }
        server = Dhcp4Server.builder().withoutSockets().leaseStore(store).clock(clock::get)
                .configText("{\"Dhcp4\": {\"valid-lifetime\": 3600, " + dhcp4Body + "}}").start();
    }

    /** One subnet 10.1.0.0/24, pool .10-.19, reached through relay 10.1.0.1, with {@code extras} in the subnet. */
    private void serveSubnet(String extras, String globals) throws Exception {
        serve(globals + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\"}]"
                + extras + "}]");
    }

    private Reply send(DhcpPacket query) {
        return server.handle(query, VIA_RELAY);
    }

    private DhcpPacket dora(TestClient client) {
        Reply offer = send(client.discover());
        assertNotNull(offer, "an OFFER");
        Reply ack = send(client.select(offer.packet().yiaddr(), SERVER));
        assertNotNull(ack, "an answer to the REQUEST");
        assertEquals(MessageType.ACK, ack.packet().messageType().orElseThrow());
        return ack.packet();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] relayInfo(String circuitId) {
        return new RelayAgentInformation(List.of(new RelayAgentInformation.SubOption(1, text(circuitId)),
                new RelayAgentInformation.SubOption(2, text("remote-7")))).encode();
    }

    private static TestClient client(String mac) {
        return new TestClient(mac).via("10.1.0.1");
    }

    @Test
    void aReservationByEachIdentifierTypeGivesItsHostTheReservedAddressNameAndBootData() throws Exception {
        serveSubnet(", \"reservations\": ["
                + "{\"hw-address\": \"02:00:00:00:00:01\", \"ip-address\": \"10.1.0.101\", \"hostname\": \"by-mac\","
                + "  \"next-server\": \"10.1.0.5\", \"server-hostname\": \"tftp1\", \"boot-file-name\": \"/boot/by-mac\","
                + "  \"option-data\": [{\"name\": \"domain-name\", \"data\": \"hosts.example\"}]},"
                + "{\"client-id\": \"01:02:00:00:00:00:02\", \"ip-address\": \"10.1.0.102\", \"hostname\": \"by-client-id\"},"
                + "{\"circuit-id\": \"'port-3'\", \"ip-address\": \"10.1.0.103\"},"
                + "{\"duid\": \"00:03:00:01:02:00:00:00:00:04\", \"ip-address\": \"10.1.0.104\"}],"
                + "\"option-data\": [{\"name\": \"domain-name\", \"data\": \"subnet.example\"}]", "");
        DhcpPacket byMac = dora(client("02:00:00:00:00:01"));
        assertEquals(Ipv4Address.parse("10.1.0.101"), byMac.yiaddr());
        assertEquals("by-mac", byMac.hostname().orElseThrow(), "the reserved host name is sent");
        assertEquals(Ipv4Address.parse("10.1.0.5"), byMac.siaddr());
        assertEquals("tftp1", byMac.snameText());
        assertEquals("/boot/by-mac", byMac.fileText());
        assertEquals("hosts.example", byMac.options().getString(OptionCode.DOMAIN_NAME).orElseThrow(),
                "a reservation's options come before the subnet's");
        assertEquals("by-mac", server.leases().get(Ipv4Address.parse("10.1.0.101")).orElseThrow().hostname());

        DhcpPacket byClientId = dora(client("02:00:00:00:00:99").clientId("01:02:00:00:00:00:02"));
        assertEquals(Ipv4Address.parse("10.1.0.102"), byClientId.yiaddr());
        assertEquals("subnet.example", byClientId.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());

        assertEquals(Ipv4Address.parse("10.1.0.103"), dora(client("02:00:00:00:00:03").option(82, relayInfo("port-3"))).yiaddr());
        // RFC 4361 client identifier: type 255, IAID, then the DUID the reservation names.
        assertEquals(Ipv4Address.parse("10.1.0.104"),
                dora(client("02:00:00:00:00:04").clientId("ff:00:00:00:01:00:03:00:01:02:00:00:00:00:04")).yiaddr());
        assertEquals(Ipv4Address.parse("10.1.0.10"), dora(client("02:00:00:00:00:05")).yiaddr(), "no reservation: the pool");
    }

    @Test
    void hostReservationIdentifiersDecideWhichReservationWins() throws Exception {
        String reservations = ", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:07\", \"ip-address\": \"10.1.0.101\"},"
                + "{\"circuit-id\": \"'port-7'\", \"ip-address\": \"10.1.0.102\"}]";
        serveSubnet(reservations, "\"host-reservation-identifiers\": [\"circuit-id\", \"hw-address\"], ");
        TestClient both = client("02:00:00:00:00:07").option(82, relayInfo("port-7"));
        assertEquals(Ipv4Address.parse("10.1.0.102"), send(both.discover()).packet().yiaddr());

        serveSubnet(reservations, "\"host-reservation-identifiers\": [\"hw-address\", \"circuit-id\"], ");
        assertEquals(Ipv4Address.parse("10.1.0.101"), send(both.discover()).packet().yiaddr());

        serveSubnet(reservations, "\"host-reservation-identifiers\": [\"client-id\"], ");
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(both.discover()).packet().yiaddr(),
                "identifiers left out of the list are not looked up");
    }

    @Test
    void globalReservationsCountOnlyWhereTheSubnetHonoursThem() throws Exception {
        String global = "\"reservations\": [{\"hw-address\": \"02:00:00:00:00:08\", \"ip-address\": \"10.1.0.12\", "
                + "\"hostname\": \"global-host\"}], ";
        serveSubnet("", global);
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(client("02:00:00:00:00:08").discover()).packet().yiaddr(),
                "reservations-global is off by default");

        serveSubnet(", \"reservations-global\": true, \"reservations-in-subnet\": false", global);
        DhcpPacket ack = dora(client("02:00:00:00:00:08"));
        assertEquals(Ipv4Address.parse("10.1.0.12"), ack.yiaddr());
        assertEquals("global-host", ack.hostname().orElseThrow());
        Set<Ipv4Address> others = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            others.add(dora(client("02:00:00:00:01:0" + i)).yiaddr());
        }
        assertFalse(others.contains(Ipv4Address.parse("10.1.0.12")), "the globally reserved address went to no one else");
        assertNull(send(client("02:00:00:00:02:00").discover()), "the rest of the pool is used up");
    }

    @Test
    void aReservedPoolAddressIsHandedOutWhenTheOperatorPromisesReservationsAreOutOfPool() throws Exception {
        String reserved = ", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:42\", \"ip-address\": \"10.1.0.10\"}]";
        serveSubnet(reserved, "");
        assertEquals(Ipv4Address.parse("10.1.0.11"), send(client("02:00:00:00:00:01").discover()).packet().yiaddr());
        serveSubnet(reserved + ", \"reservations-out-of-pool\": true", "");
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(client("02:00:00:00:00:01").discover()).packet().yiaddr(),
                "out-of-pool: pool addresses are not checked against reservations, as in Kea");
    }

    @Test
    void aClientWhoseReservationChangesGetsTheNewAddressAtItsNextRenewal() throws Exception {
        serveSubnet(", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:09\", \"ip-address\": \"10.1.0.101\"}]", "");
        TestClient host = client("02:00:00:00:00:09");
        assertEquals(Ipv4Address.parse("10.1.0.101"), dora(host).yiaddr());

        serveSubnet(", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:09\", \"ip-address\": \"10.1.0.102\"}]", "");
        clock.addAndGet(1800);
        Reply renewal = send(host.renew(Ipv4Address.parse("10.1.0.101")));
        assertEquals(MessageType.NAK, renewal.packet().messageType().orElseThrow(), "the old address is refused");
        assertEquals(Ipv4Address.parse("10.1.0.102"), dora(host).yiaddr(), "and the client starts over with the new one");
    }

    private static final String PXE_CLASS = "\"client-classes\": [{\"name\": \"pxe\","
            + " \"test\": \"substring(option[60].hex,0,9) == 'PXEClient'\","
            + " \"next-server\": \"10.1.0.5\", \"boot-file-name\": \"pxelinux.0\","
            + " \"option-data\": [{\"name\": \"tftp-server-name\", \"data\": \"tftp.example\", \"always-send\": true},"
            + "                 {\"name\": \"domain-name\", \"data\": \"pxe.example\"}]}],"
            + "\"option-data\": [{\"name\": \"domain-name\", \"data\": \"global.example\"}], ";

    @Test
    void aClassGivesAPxeClientItsBootFileAndOthersNothing() throws Exception {
        serveSubnet("", PXE_CLASS);
        DhcpPacket pxe = dora(client("02:00:00:00:00:0a").option(60, text("PXEClient:Arch:00000:UNDI:002001")));
        assertEquals("pxelinux.0", pxe.fileText());
        assertEquals(Ipv4Address.parse("10.1.0.5"), pxe.siaddr());
        assertEquals("tftp.example", pxe.options().getString(66).orElseThrow());
        assertEquals("pxe.example", pxe.options().getString(OptionCode.DOMAIN_NAME).orElseThrow(),
                "class options come before global ones");

        DhcpPacket laptop = dora(client("02:00:00:00:00:0b").option(60, text("MSFT 5.0")));
        assertEquals("", laptop.fileText());
        assertEquals(Ipv4Address.ANY, laptop.siaddr());
        assertFalse(laptop.options().contains(66));
        assertEquals("global.example", laptop.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
    }

    @Test
    void subnetOptionsComeBeforeClassOptions() throws Exception {
        serveSubnet(", \"option-data\": [{\"name\": \"domain-name\", \"data\": \"subnet.example\"}]", PXE_CLASS);
        DhcpPacket pxe = dora(client("02:00:00:00:00:0a").option(60, text("PXEClient")));
        assertEquals("subnet.example", pxe.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals("pxelinux.0", pxe.fileText(), "class fields override the subnet's (it sets none here)");
    }

    @Test
    void theVendorClassIsABuiltInClass() throws Exception {
        serveSubnet("", "\"client-classes\": [{\"name\": \"VENDOR_CLASS_docsis3.0\", \"valid-lifetime\": 600}], ");
        DhcpPacket modem = dora(client("02:00:00:00:00:0c").option(60, text("docsis3.0")));
        assertEquals(600, modem.leaseTime().orElseThrow(), "class lifetimes override the global one");
        assertEquals(3600, dora(client("02:00:00:00:00:0d")).leaseTime().orElseThrow());
    }

    @Test
    void aPoolReservedToAClassServesOnlyItsMembers() throws Exception {
        serve("\"client-classes\": [{\"name\": \"phones\", \"test\": \"option[60].text == 'voip'\"}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": ["
                + "  {\"pool\": \"10.1.0.10-10.1.0.11\", \"client-class\": \"phones\"},"
                + "  {\"pool\": \"10.1.0.20-10.1.0.20\"}]}]");
        assertEquals(Ipv4Address.parse("10.1.0.10"), dora(client("02:00:00:00:00:01").option(60, text("voip"))).yiaddr());
        assertEquals(Ipv4Address.parse("10.1.0.20"), dora(client("02:00:00:00:00:02")).yiaddr());
        assertNull(send(client("02:00:00:00:00:03").discover()), "the open pool is full and the phones' pool is not for it");
        assertEquals(Ipv4Address.parse("10.1.0.11"), dora(client("02:00:00:00:00:04").option(60, text("voip"))).yiaddr());
    }

    @Test
    void aSubnetReservedToAClassIsPassedOverForOthers() throws Exception {
        serve("\"client-classes\": [{\"name\": \"printers\", \"test\": \"substring(pkt4.mac, 0, 3) == 0x0200aa\"}],"
                + "\"shared-networks\": [{\"name\": \"floor1\", \"relay\": {\"ip-addresses\": [\"10.1.0.1\"]}, \"subnet4\": ["
                + "  {\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\"}], \"client-class\": \"printers\"},"
                + "  {\"id\": 2, \"subnet\": \"10.2.0.0/24\", \"pools\": [{\"pool\": \"10.2.0.10-10.2.0.19\"}]}]}]");
        assertEquals(Ipv4Address.parse("10.1.0.10"), dora(client("02:00:aa:00:00:01")).yiaddr());
        assertEquals(Ipv4Address.parse("10.2.0.10"), dora(client("02:00:bb:00:00:01")).yiaddr());
    }

    @Test
    void aFullSubnetSpillsIntoTheNextOfItsSharedNetwork() throws Exception {
        serve("\"shared-networks\": [{\"name\": \"campus\", \"relay\": {\"ip-addresses\": [\"10.1.0.1\"]},"
                + " \"option-data\": [{\"name\": \"domain-name\", \"data\": \"campus.example\"}], \"subnet4\": ["
                + "  {\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.11\"}],"
                + "   \"option-data\": [{\"name\": \"routers\", \"data\": \"10.1.0.1\"}]},"
                + "  {\"id\": 2, \"subnet\": \"10.2.0.0/24\", \"pools\": [{\"pool\": \"10.2.0.10-10.2.0.11\"}],"
                + "   \"option-data\": [{\"name\": \"routers\", \"data\": \"10.2.0.1\"}]}]}]");
        List<DhcpPacket> acks = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            acks.add(dora(client("02:00:00:00:03:0" + i)));
        }
        assertEquals(List.of("10.1.0.10", "10.1.0.11", "10.2.0.10", "10.2.0.11"),
                acks.stream().map(a -> a.yiaddr().toString()).toList());
        assertEquals(Ipv4Address.parse("10.2.0.1"), acks.get(3).options().getIpv4(OptionCode.ROUTERS).orElseThrow(),
                "a spilled client gets the options of the subnet it landed in");
        assertEquals(Ipv4Address.parse("255.255.255.0"), acks.get(3).options().getIpv4(OptionCode.SUBNET_MASK).orElseThrow());
        assertEquals("campus.example", acks.get(3).options().getString(OptionCode.DOMAIN_NAME).orElseThrow(),
                "and inherits the shared network's");
        assertEquals(2, server.leases().get(Ipv4Address.parse("10.2.0.11")).orElseThrow().subnetId());
        assertNull(send(client("02:00:00:00:03:09").discover()), "both subnets full");
    }

    @Test
    void relayAgentInformationIsEchoedInEveryReply() throws Exception {
        serveSubnet("", "\"authoritative\": true, ");
        byte[] info = relayInfo("ge-0/0/3");
        TestClient client = client("02:00:00:00:00:0e").option(82, info);
        Reply offer = send(client.discover());
        assertArrayEquals(info, offer.packet().options().get(OptionCode.RELAY_AGENT_INFORMATION));
        Reply ack = send(client.select(offer.packet().yiaddr(), SERVER));
        assertArrayEquals(info, ack.packet().options().get(OptionCode.RELAY_AGENT_INFORMATION));
        Reply nak = send(client.reboot(Ipv4Address.parse("10.1.0.99")));
        assertEquals(MessageType.NAK, nak.packet().messageType().orElseThrow());
        assertArrayEquals(info, nak.packet().options().get(OptionCode.RELAY_AGENT_INFORMATION));
        assertFalse(send(client("02:00:00:00:00:0f").discover()).packet().options().contains(OptionCode.RELAY_AGENT_INFORMATION),
                "none sent, none echoed");
    }

    @Test
    void classesMayTestTheRelayAgentInformation() throws Exception {
        serve("\"client-classes\": [{\"name\": \"lobby\", \"test\": \"relay4[1].hex == 'lobby-ap'\"}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": ["
                + "  {\"pool\": \"10.1.0.10-10.1.0.19\", \"client-class\": \"lobby\"}, {\"pool\": \"10.1.0.30-10.1.0.39\"}]}]");
        assertEquals(Ipv4Address.parse("10.1.0.10"), send(client("02:00:00:00:00:01").option(82, relayInfo("lobby-ap")).discover())
                .packet().yiaddr());
        assertEquals(Ipv4Address.parse("10.1.0.30"), send(client("02:00:00:00:00:02").option(82, relayInfo("office-ap")).discover())
                .packet().yiaddr());
    }

    @Test
    void theDropClassDropsAndKnownAndUnknownFollowReservations() throws Exception {
        serve("\"client-classes\": ["
                + "  {\"name\": \"DROP\", \"test\": \"option[60].text == 'evil'\"},"
                + "  {\"name\": \"guests\", \"test\": \"unknown\"},"
                + "  {\"name\": \"staff\", \"test\": \"member('KNOWN') and not member('guests')\"}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": ["
                + "  {\"pool\": \"10.1.0.10-10.1.0.19\", \"client-class\": \"staff\"},"
                + "  {\"pool\": \"10.1.0.50-10.1.0.59\", \"client-class\": \"guests\"}],"
                + " \"reservations\": [{\"hw-address\": \"02:00:00:00:00:01\", \"client-classes\": [\"badge\"]}]}]");
        assertNull(send(client("02:00:00:00:00:05").option(60, text("evil")).discover()));
        assertEquals(1, server.statistics().value("pkt4-receive-drop"));
        assertEquals(Ipv4Address.parse("10.1.0.10"), dora(client("02:00:00:00:00:01")).yiaddr(),
                "a reservation without an address still makes the client KNOWN");
        assertEquals(Ipv4Address.parse("10.1.0.50"), dora(client("02:00:00:00:00:02")).yiaddr());
    }

    @Test
    void aReservationPutsItsHostInItsClasses() throws Exception {
        serveSubnet(", \"reservations\": [{\"hw-address\": \"02:00:00:00:00:01\", \"client-classes\": [\"lab\"]}]",
                "\"client-classes\": [{\"name\": \"lab\", \"boot-file-name\": \"lab.efi\","
                        + " \"option-data\": [{\"name\": \"domain-name\", \"data\": \"lab.example\"}]}], ");
        DhcpPacket lab = dora(client("02:00:00:00:00:01"));
        assertEquals("lab.efi", lab.fileText());
        assertEquals("lab.example", lab.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals("", dora(client("02:00:00:00:00:02")).fileText());
    }

    @Test
    void additionalClassesAreEvaluatedOnlyWhereAPoolSubnetOrNetworkAsksForThem() throws Exception {
        serve("\"client-classes\": ["
                + "  {\"name\": \"late\", \"only-if-required\": true, \"test\": \"option[60].exists\","
                + "   \"option-data\": [{\"name\": \"domain-name\", \"data\": \"late.example\"}]},"
                + "  {\"name\": \"always\", \"only-in-additional-list\": true,"
                + "   \"option-data\": [{\"name\": \"domain-search\", \"data\": \"always.example\", \"always-send\": true}]}],"
                + "\"subnet4\": ["
                + "  {\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\","
                + "     \"evaluate-additional-classes\": [\"always\"]}], \"require-client-classes\": [\"late\"]},"
                + "  {\"id\": 2, \"subnet\": \"10.2.0.0/24\", \"pools\": [{\"pool\": \"10.2.0.10-10.2.0.19\"}]}]");
        DhcpPacket first = dora(client("02:00:00:00:00:01").option(60, text("x")));
        assertEquals("late.example", first.options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertTrue(first.options().contains(119), "a listed class without a test is joined outright");
        assertFalse(dora(client("02:00:00:00:00:02")).options().contains(OptionCode.DOMAIN_NAME),
                "the test decides for a listed class that has one");
        DhcpPacket other = dora(new TestClient("02:00:00:00:00:03").via("10.2.0.1").option(60, text("x")));
        assertFalse(other.options().contains(OptionCode.DOMAIN_NAME), "subnet 2 asks for no additional class");
        assertFalse(other.options().contains(119));
    }

    @Test
    void anOptionTaggedWithClassesGoesOnlyToTheirMembers() throws Exception {
        serve("\"client-classes\": [{\"name\": \"melon\", \"test\": \"option[60].text == 'melon'\"}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\","
                + " \"option-data\": [{\"name\": \"domain-name\", \"data\": \"subnet.example\"}],"
                + " \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\", \"option-data\": [{\"name\": \"domain-name\","
                + "   \"data\": \"melon.example\", \"client-classes\": [\"melon\"]}]}]}]");
        assertEquals("melon.example", dora(client("02:00:00:00:00:01").option(60, text("melon")))
                .options().getString(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals("subnet.example", dora(client("02:00:00:00:00:02"))
                .options().getString(OptionCode.DOMAIN_NAME).orElseThrow(), "as if the pool did not set it");
    }

    @Test
    void poolsKeepTheirOwnStatistics() throws Exception {
        serve("\"subnet4\": [{\"id\": 7, \"subnet\": \"10.1.0.0/24\", \"pools\": ["
                + "  {\"pool\": \"10.1.0.10-10.1.0.10\"}, {\"pool\": \"10.1.0.20-10.1.0.29\"}]}]");
        TestClient first = client("02:00:00:00:00:01");
        dora(first);
        DhcpPacket second = dora(client("02:00:00:00:00:02"));
        send(client("02:00:00:00:00:02").decline(second.yiaddr(), SERVER));
        assertEquals(1, server.statistics().value("subnet[7].pool[0].total-addresses"));
        assertEquals(10, server.statistics().value("subnet[7].pool[1].total-addresses"));
        assertEquals(1, server.statistics().value("subnet[7].pool[0].assigned-addresses"));
        assertEquals(1, server.statistics().value("subnet[7].pool[0].cumulative-assigned-addresses"));
        assertEquals(1, server.statistics().value("subnet[7].pool[1].assigned-addresses"), "a declined address stays assigned");
        assertEquals(1, server.statistics().value("subnet[7].pool[1].declined-addresses"));
        assertEquals(1, server.statistics().value("subnet[7].pool[1].cumulative-assigned-addresses"));
        assertEquals(0, server.statistics().value("subnet[7].pool[1].reclaimed-leases"));
    }
}
