package dev.kakapo.server.config;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static dev.kakapo.server.config.Configs.j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What accepted configurations turn into: Kea 2 and Kea 3 spellings, inheritance, defaults, warnings. */
class AcceptedConfigurationsTest {


    @Test
    void readsKea2AndKea3SpellingsAlike() throws ConfigException {
        Dhcp4Config kea2 = Configs.check(j("{'Dhcp4': {"
                + "'control-socket': {'socket-type': 'unix', 'socket-name': '/tmp/s'},"
                + "'loggers': [{'name': 'kea-dhcp4', 'output_options': [{'output': 'stdout'}]}],"
                + "'client-classes': [{'name': 'late', 'only-if-required': true}],"
                + "'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'client-class': 'a', 'require-client-classes': ['late'],"
                + "  'pools': [{'pool': '10.0.0.10-10.0.0.20', 'client-class': 'a'}]}]}}")).config();
        Dhcp4Config kea3 = Configs.check(j("{'Dhcp4': {"
                + "'control-sockets': [{'socket-type': 'unix', 'socket-name': '/tmp/s'}],"
                + "'loggers': [{'name': 'kea-dhcp4', 'output-options': [{'output': 'stdout'}]}],"
                + "'client-classes': [{'name': 'late', 'only-in-additional-list': true}],"
                + "'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'client-classes': ['a'], 'evaluate-additional-classes': ['late'],"
                + "  'pools': [{'pool': '10.0.0.10-10.0.0.20', 'client-classes': ['a']}]}]}}")).config();
        assertEquals(kea2.controlSockets(), kea3.controlSockets());
        assertEquals(kea2.loggers(), kea3.loggers());
        assertEquals(kea2.clientClasses().get(0).additional(), kea3.clientClasses().get(0).additional());
        assertTrue(kea3.clientClasses().get(0).additional());
        assertEquals(kea2.subnets().get(0).parameters().clientClasses(), kea3.subnets().get(0).parameters().clientClasses());
        assertEquals(List.of("late"), kea3.subnets().get(0).parameters().additionalClasses());
        assertEquals(kea2.subnets().get(0).pools(), kea3.subnets().get(0).pools());
    }

    @Test
    void subnetsInheritFromTheirSharedNetworkThenTheGlobalLevelThenKeasDefaults() throws ConfigException {
        Dhcp4Config c = Configs.check(j("{'Dhcp4': {'valid-lifetime': 900, 'renew-timer': 100, 'rebind-timer': 200,"
                + "'shared-networks': [{'name': 'floor1', 'valid-lifetime': 600, 'interface': 'eth0',"
                + "  'relay': {'ip-addresses': ['192.0.2.1']},"
                + "  'subnet4': [{'id': 7, 'subnet': '10.7.0.0/24', 'renew-timer': 50}, {'id': 8, 'subnet': '10.8.0.0/24'}]}],"
                + "'subnet4': [{'id': 1, 'subnet': '10.1.0.0/24', 'match-client-id': false}]}}")).config();
        NetworkParameters seven = c.subnet(7).orElseThrow().parameters();
        assertEquals(600, seven.validLifetime());
        assertEquals(50, seven.renewTimer());
        assertEquals(200, seven.rebindTimer());
        assertEquals("eth0", seven.interfaceName());
        assertEquals(List.of(Ipv4Address.parse("192.0.2.1")), seven.relayAddresses());
        assertEquals("floor1", c.subnet(8).orElseThrow().sharedNetwork());
        NetworkParameters one = c.subnet(1).orElseThrow().parameters();
        assertEquals(900, one.validLifetime());
        assertFalse(one.matchClientId());
        assertNull(one.interfaceName());
        assertEquals(0.5, one.t1Percent());
        assertEquals(List.of(7L, 8L), c.sharedNetworks().get(0).subnetIds());
        assertEquals(List.of(1L, 7L, 8L), c.subnets().stream().map(Subnet4Config::id).sorted().collect(Collectors.toList()));
    }

    @Test
    void appliesKeasDefaults() throws ConfigException {
        Dhcp4Config c = Configs.check(j("{'Dhcp4': {'valid-lifetime': 4000}}")).config();
        assertEquals(86400, c.declineProbationPeriod());
        assertEquals(256, c.parkedPacketLimit());
        assertEquals(LeaseDatabaseConfig.DEFAULT, c.leaseDatabase());
        assertEquals(MultiThreadingConfig.DEFAULT, c.multiThreading());
        assertEquals(List.of(HostIdentifierType.HW_ADDRESS, HostIdentifierType.DUID, HostIdentifierType.CIRCUIT_ID,
                HostIdentifierType.CLIENT_ID), c.hostReservationIdentifiers());
        assertTrue(c.global().matchClientId());
        assertFalse(c.global().authoritative());
        assertEquals(4000, c.global().validLifetime());
        assertEquals(ExpiredLeasesConfig.DEFAULT, c.expiredLeasesProcessing());
    }

    @Test
    void encodesOptionDataAtEveryLevel() throws ConfigException {
        Dhcp4Config c = Configs.check(j("{'Dhcp4': {"
                + "'option-def': [{'name': 'classless-static-route', 'code': 121, 'type': 'binary'}],"
                + "'option-data': [{'name': 'domain-name-servers', 'data': '192.0.2.53, 192.0.2.54'},"
                + "                {'name': 'classless-static-route', 'data': '0a0a'}],"
                + "'client-classes': [{'name': 'pxe', 'option-data': [{'name': 'boot-file-name', 'data': 'pxelinux.0'}]}],"
                + "'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'option-data': [{'code': 3, 'data': '10.0.0.1'}],"
                + "  'pools': [{'pool': '10.0.0.10 - 10.0.0.20', 'option-data': [{'name': 'domain-name', 'data': 'pool.example'}]}],"
                + "  'reservations': [{'hw-address': '02:00:00:00:00:01', 'ip-address': '10.0.0.5', 'hostname': 'h1',"
                + "    'option-data': [{'name': 'host-name', 'data': 'h1'}]}]}]}}")).config();
        assertEquals("c0000235c0000236", HexBytes.toHex(c.optionData().get(0).data()));
        assertEquals(121, c.optionData().get(1).code(), "a Kea 2.2 option-def for code 121 is allowed");
        assertEquals("routers", c.subnets().get(0).optionData().get(0).name());
        assertEquals("pool.example", new String(c.subnets().get(0).pools().get(0).optionData().get(0).data()));
        assertEquals("pxelinux.0", new String(c.clientClasses().get(0).optionData().get(0).data()));
        ReservationConfig r = c.subnets().get(0).reservations().get(0);
        assertEquals(HostIdentifierType.HW_ADDRESS, r.identifierType());
        assertEquals(Ipv4Address.parse("10.0.0.5"), r.ipAddress());
        assertEquals(1, r.optionData().size());
    }

    @Test
    void warnsAboutKeysItReadsButDoesNotActOn() throws ConfigException {
        LoadedConfig loaded = Configs.check(j("{'Dhcp4': {'ddns-send-updates': true, 'dhcp-ddns': {'enable-updates': false},"
                + "'sanity-checks': {'lease-checks': 'fix'}, 'hosts-database': {'type': 'mysql'},"
                + "'client-classes': [{'name': 'c', 'test': 'pkt4.mac == 0x010203'}],"
                + "'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'ddns-qualifying-suffix': 'example.org'}]}}"));
        List<String> paths = loaded.warnings().stream().map(ConfigProblem::path).collect(Collectors.toList());
        assertTrue(paths.containsAll(List.of("Dhcp4.ddns-send-updates", "Dhcp4.dhcp-ddns", "Dhcp4.sanity-checks",
                "Dhcp4.hosts-database", "Dhcp4.subnet4[0].ddns-qualifying-suffix")), paths.toString());
        assertFalse(paths.contains("Dhcp4.client-classes[0].test"), "class tests are evaluated");
        assertTrue(loaded.warnings().stream().allMatch(w -> w.message().startsWith("read but not acted on")), loaded.warnings().toString());
    }

    @Test
    void warnsAboutASubnetWithoutIdAndGivesItTheNextFreeOne() throws ConfigException {
        LoadedConfig loaded = Configs.check(j("{'Dhcp4': {'subnet4': [{'id': 5, 'subnet': '10.0.0.0/24'}, {'subnet': '10.0.1.0/24'}]}}"));
        assertEquals(6, loaded.config().subnets().get(1).id());
        assertEquals("Dhcp4.subnet4[1]", loaded.warnings().get(0).path());
    }

    @Test
    void warnsAboutPoolsOfDifferentSubnetsThatOverlap() throws ConfigException {
        LoadedConfig loaded = Configs.check(j("{'Dhcp4': {'subnet4': ["
                + "{'id': 1, 'subnet': '10.0.0.0/8', 'pools': [{'pool': '10.1.0.1-10.1.0.9'}]},"
                + "{'id': 2, 'subnet': '10.1.0.0/16', 'pools': [{'pool': '10.1.0.5-10.1.0.20'}]}]}}"));
        assertTrue(loaded.warnings().get(0).message().contains("could be leased in both subnets"), loaded.warnings().toString());
    }

    @Test
    void readsKea22sDeprecatedReservationMode() throws ConfigException {
        NetworkParameters p = Configs.check(j("{'Dhcp4': {'reservation-mode': 'out-of-pool'}}")).config().global();
        assertTrue(p.reservationsInSubnet());
        assertTrue(p.reservationsOutOfPool());
        assertFalse(p.reservationsGlobal());
    }

    @Test
    void readsHttpControlSocketsWithAuthentication() throws ConfigException {
        ControlSocketConfig s = Configs.check(j("{'Dhcp4': {'control-sockets': [{'socket-type': 'http', 'socket-address': '127.0.0.1',"
                + "'socket-port': 8004, 'authentication': {'type': 'basic', 'clients': [{'user': 'admin', 'password': 'secret'}]},"
                + "'http-headers': [{'name': 'Strict-Transport-Security', 'value': 'max-age=31536000'}]}]}}"))
                .config().controlSockets().get(0);
        assertEquals(8004, s.port());
        assertEquals("kea-dhcpv4-server", s.authentication().realm());
        assertEquals("admin", s.authentication().clients().get(0).user());
        assertEquals(1, s.httpHeaders().size());
    }
}
